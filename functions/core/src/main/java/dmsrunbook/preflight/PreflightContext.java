package dmsrunbook.preflight;

import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import java.util.List;

/**
 * What every check needs to know: the spec, the tables the mappings select on the source, the LOB policy of the
 * task, the database user the engine logs in as, and whether this run resumes a replication that already exists
 * (its slot is already counted on the source, and the rows on the target are its own).
 */
public record PreflightContext(MigrationSpec spec, List<TableName> selectedTables, LobPolicy lobPolicy, String sourceUser,
                               boolean resuming) {

    public boolean capturesChanges() {
        return spec.migrationType().capturesChanges();
    }

    public boolean usesDms() {
        return spec.engine() == ReplicationEngineKind.DMS;
    }

    public boolean selects(TableName table) {
        return selectedTables.contains(table);
    }
}
