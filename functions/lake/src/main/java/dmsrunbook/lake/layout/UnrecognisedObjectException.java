package dmsrunbook.lake.layout;

import dmsrunbook.error.TerminalException;

/** Thrown when an object under the DMS folder is not a DMS Parquet file the lake can place (it is quarantined). */
public final class UnrecognisedObjectException extends TerminalException {

    public UnrecognisedObjectException(String key, String why) {
        super("s3 object " + key + " is not a DMS Parquet output file: " + why,
                "Check the DMS endpoint settings (DataFormat parquet, BucketFolder, DatePartitionSequence) match the lake "
                        + "function's DMS_FOLDER / DMS_DATE_PARTITION_* settings, or keep other files out of the DMS folder.");
    }
}
