package dmsrunbook.lake.commit;

import java.util.List;

/**
 * What one batch of notifications brought for one table: the DMS files written and the removals S3 reported.
 *
 * @param table   the table
 * @param created files announced as written (no two of the same write)
 * @param removed removals of files of the table's DMS folder
 */
public record TableBatch(TableConfig table, List<IncomingObject> created, List<RemovalNotice> removed) {

    public TableBatch {
        created = List.copyOf(created);
        removed = List.copyOf(removed);
    }
}
