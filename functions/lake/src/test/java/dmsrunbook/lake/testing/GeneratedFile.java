package dmsrunbook.lake.testing;

import java.nio.file.Path;

/**
 * A file the generator wrote in DMS's shape.
 *
 * @param key  its S3 key, exactly as DMS would name it
 * @param file the local file
 * @param rows rows in it
 */
public record GeneratedFile(String key, Path file, long rows) {
}
