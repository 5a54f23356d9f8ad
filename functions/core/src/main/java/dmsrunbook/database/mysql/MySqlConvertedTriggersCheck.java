package dmsrunbook.database.mysql;

import dmsrunbook.database.postgres.PostgresTargetTriggers;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaSection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The preflight's word on the triggers a MySQL schema's conversion creates on the PostgreSQL target with schema.mode
 * apply (the ON UPDATE CURRENT_TIMESTAMP columns' triggers): created after the full load, they fire for DMS's change
 * writes until the cutover unless DMS writes as a replica, and then set such a column to the target's time where an
 * update within the same second left it unchanged on the source.
 */
public final class MySqlConvertedTriggersCheck {

    private static final String SIDE = "target";

    private MySqlConvertedTriggersCheck() {
    }

    public static CheckResult run(Connection source, PreflightContext context) throws SQLException {
        List<String> triggers = MySqlTargetSchema.convert(source, context.spec().mappings(), context.spec().conversion()).plan()
                .created(SchemaSection.POST_DATA).stream().filter(o -> o.kind() == ObjectKind.TRIGGER).map(SchemaObject::toString).toList();
        if (triggers.isEmpty()) {
            return CheckResult.pass(SIDE, "triggers to be created", "the conversion creates no trigger");
        }
        if (PostgresTargetTriggers.writesAsReplica(context.spec())) {
            return CheckResult.pass(SIDE, "triggers to be created", "the conversion creates " + String.join(", ", triggers)
                    + "; DMS writes as a replica, so they do not fire for its change writes");
        }
        return CheckResult.warn(SIDE, "triggers to be created", "the conversion creates " + String.join(", ", triggers)
                        + " (ON UPDATE CURRENT_TIMESTAMP) after the full load; DMS's change writes until the cutover fire them, and an update "
                        + "that left such a column unchanged on the source gets the target's time",
                "add \"AfterConnectScript\": \"SET session_replication_role = replica\" to the target's dmsSettings");
    }
}
