package dmsrunbook.lake.compaction;

import java.nio.file.Path;
import java.util.List;

/**
 * A file the compactor wrote.
 *
 * @param file         the local file
 * @param rows         rows in it
 * @param bytes        its size
 * @param minSeq       its first change sequence number
 * @param maxSeq       its last
 * @param rowGroupRows rows per row group
 */
public record CompactedFile(Path file, long rows, long bytes, long minSeq, long maxSeq, List<Long> rowGroupRows) {
}
