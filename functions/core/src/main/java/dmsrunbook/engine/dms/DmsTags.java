package dmsrunbook.engine.dms;

import dmsrunbook.spec.MigrationSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.databasemigration.model.Tag;

/**
 * The tags on every DMS endpoint and task the runbook creates: the migration it belongs to, and the stack that made
 * it. template.yaml lets the functions start, stop and test only resources carrying this stack's tag, so a spec naming
 * another team's task (its migrationId) cannot stop it.
 */
public final class DmsTags {

    /** The stack that created the resource; its IAM conditions read this key. */
    public static final String STACK = "dms-runbook:stack";
    public static final String MIGRATION_ID = "dms-runbook:migration-id";

    private DmsTags() {
    }

    /** The tags of a resource made for {@code spec} by the stack {@code stackName} (none when it is unknown). */
    public static List<Tag> of(MigrationSpec spec, String stackName) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.builder().key(MIGRATION_ID).value(spec.migrationId()).build());
        if (stackName != null && !stackName.isBlank()) {
            tags.add(Tag.builder().key(STACK).value(stackName).build());
        }
        return tags;
    }
}
