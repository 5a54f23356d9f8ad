package dmsrunbook.lake.compaction;

import dmsrunbook.lake.parquet.ParquetBatchReader.MissingColumn;
import java.nio.file.Path;

/**
 * One file of changes to merge, in change order within itself.
 *
 * @param name     what to call it in errors (its S3 key)
 * @param file     the local copy
 * @param firstSeq the smallest change sequence number in it, known before opening (from the DMS file name or the
 *                 manifest), so inputs are opened only when the merge reaches them
 * @param missing  how to fill the columns the file lacks ({@code Op} and the sequence for DMS files, nulls for
 *                 columns added after the file was written)
 */
public record ChangeInput(String name, Path file, long firstSeq, MissingColumn missing) {
}
