package dmsrunbook.lake.commit;

import dmsrunbook.lake.layout.DmsLayout;
import java.util.List;

/**
 * A table as one attempt read it, everything {@link IngestPlanner} decides from besides the notices: its
 * configuration, the manifest with the ETag a commit must match, and the listing of its DMS folder.
 *
 * @param table  the table
 * @param read   the manifest as read (an empty one with no ETag when the table has none yet)
 * @param folder the DMS folder as listed after the manifest was read
 */
record TableSnapshot(TableConfig table, VersionedManifest read, TableFolder folder) {

    /** The snapshot of {@code read} and {@code listing} (the objects under {@link TableFolder#prefix}). */
    static TableSnapshot of(TableConfig table, VersionedManifest read, List<S3Store.Listed> listing, DmsLayout dms) {
        return new TableSnapshot(table, read, TableFolder.of(listing, dms, table, read.manifest()));
    }

    /** The manifest to read when the table has none yet. */
    static VersionedManifest noManifest(TableConfig table) {
        return new VersionedManifest(TableManifest.empty(table.schema(), table.table(), table.primaryKey(), table.buckets()), null);
    }

    TableManifest manifest() {
        return read.manifest();
    }

    /** {@code schema.table} (a name holding a dot quoted), for messages. */
    String name() {
        return table.name().toString();
    }
}
