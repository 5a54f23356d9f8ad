package dmsrunbook.preflight;

import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.SchemaMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the target can take the load: reachable, and each selected table's target either absent (created by the
 * workflow with schema.mode apply, by DMS otherwise), empty, or emptied by the task's prep mode where the spec allows
 * it ({@code allowNonEmptyTables}); then the target family's own checks of the tables present (for PostgreSQL, no
 * trigger that would fire again on every replicated row).
 */
public final class TargetChecks {

    private static final String SIDE = "target";

    public List<CheckResult> run(Connection target, DatabaseEngine engine, PreflightContext context) throws SQLException {
        DatabaseFamily family = DatabaseFamilies.of(engine);
        SqlDialect dialect = family.dialect();
        TableMappings mappings = context.spec().mappings();
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.pass(SIDE, "reachable", "connected to " + context.spec().target().describe()));

        boolean nativeEngine = !context.usesDms();
        TargetPrepMode prepMode = nativeEngine ? TargetPrepMode.DO_NOTHING : TargetPrepMode.fromTaskSettings(context.spec().dms().taskSettings());
        List<String> missing = new ArrayList<>();
        List<String> notEmpty = new ArrayList<>();
        List<TableName> present = new ArrayList<>();
        for (TableName source : context.selectedTables()) {
            TableName table = mappings.targetName(source);
            if (!dialect.exists(target, table)) {
                missing.add(table.toString());
                continue;
            }
            present.add(table);
            long rows = dialect.countRows(target, table);
            if (rows > 0) {
                notEmpty.add(table + " (" + rows + " rows)");
            }
        }
        // A re-run resumes its own replication: the rows on the target came from it.
        boolean loads = context.spec().migrationType().loadsFully() && !context.resuming();
        SchemaMode schema = context.spec().schema().mode();
        if (!missing.isEmpty()) {
            if (schema == SchemaMode.APPLY) {
                results.add(CheckResult.pass(SIDE, "target tables", present.size() + " tables present; PrepareTargetSchema creates "
                        + String.join(", ", missing) + " from the source's schema" + (DatabaseFamilies.of(context.spec().source().engine()) != family
                        ? ", converted," : "") + " (schema.mode apply) before replication starts"));
            } else if (schema == SchemaMode.VERIFY || nativeEngine) {
                boolean converted = DatabaseFamilies.of(context.spec().source().engine()) != family;
                results.add(CheckResult.fail(SIDE, "target tables", "missing on the target: " + String.join(", ", missing), converted
                        ? "create the converted schema first (runbook assess <spec> shows every object's conversion), or set schema.mode "
                        + "to apply and the workflow creates it"
                        : "apply the schema first: pg_dump --schema-only --no-owner --no-privileges <source> | psql <target>, "
                                + "or set schema.mode to apply and the workflow creates it"));
            } else if (!loads) {
                results.add(CheckResult.fail(SIDE, "target tables", "missing on the target: " + String.join(", ", missing),
                        "a cdc-only task needs the tables loaded already: load them first, or use full-load-and-cdc"));
            } else {
                results.add(CheckResult.warn(SIDE, "target tables", "DMS will create " + String.join(", ", missing)
                                + " with the primary key only (no secondary indexes, foreign keys, defaults or sequences)",
                        "create the schema on the target first (pg_dump --schema-only, or AWS SCT for other engines)"));
            }
        }
        if (loads && !notEmpty.isEmpty()) {
            switch (prepMode) {
                case DO_NOTHING -> results.add(CheckResult.fail(SIDE, "target tables empty", "not empty: " + String.join(", ", notEmpty)
                                + (nativeEngine ? "; the initial copy would duplicate their rows" : "; with TargetTablePrepMode DO_NOTHING the load would duplicate rows"),
                        "empty them (TRUNCATE) before the migration" + (nativeEngine ? "" : ", or set FullLoadSettings.TargetTablePrepMode to TRUNCATE_BEFORE_LOAD")));
                case TRUNCATE_BEFORE_LOAD, DROP_AND_CREATE -> results.add(erased(context, prepMode, notEmpty));
            }
        } else if (loads && !present.isEmpty() && prepMode == TargetPrepMode.DROP_AND_CREATE) {
            results.add(CheckResult.warn(SIDE, "target prep mode", "DROP_AND_CREATE (the DMS default) re-creates existing target tables "
                    + "with only their primary key: indexes, foreign keys and defaults you created are lost",
                    "set FullLoadSettings.TargetTablePrepMode to TRUNCATE_BEFORE_LOAD in dms.taskSettings"));
        } else if (missing.isEmpty()) {
            results.add(CheckResult.pass(SIDE, "target tables", present.size() + " tables present"
                    + (loads ? " and empty" : context.resuming() ? ", filled by this migration's replication, which resumes" : "")));
        }
        if (!present.isEmpty()) {
            results.addAll(family.targetTableChecks(target, present, context));
        }
        return results;
    }

    /**
     * The load would erase rows the target holds: a FAIL unless the spec says they may go ({@code allowNonEmptyTables}),
     * for a target that holds rows may be a database in use, or the source itself under another name.
     */
    private static CheckResult erased(PreflightContext context, TargetPrepMode prepMode, List<String> notEmpty) {
        String tables = String.join(", ", notEmpty);
        if (!context.spec().target().allowsNonEmptyTables()) {
            return CheckResult.fail(SIDE, "target tables empty", "not empty: " + tables + "; TargetTablePrepMode " + prepMode
                            + " would erase their rows before the load",
                    "make sure this is the target you mean; if its rows may go, add \"allowNonEmptyTables\": true to target in the spec");
        }
        return prepMode == TargetPrepMode.TRUNCATE_BEFORE_LOAD
                ? CheckResult.warn(SIDE, "target tables empty", "DMS will truncate " + tables + " before loading (allowNonEmptyTables)",
                        "make sure nothing on the target needs those rows")
                : CheckResult.warn(SIDE, "target tables empty", "DMS will drop and re-create " + tables + " (allowNonEmptyTables)",
                        "use TRUNCATE_BEFORE_LOAD to keep the target's indexes and constraints");
    }
}
