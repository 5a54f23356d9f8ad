package dmsrunbook.schema;

import java.util.List;

/**
 * What applying one section of a {@link SchemaPlan} did: the statements it ran (described, e.g. {@code create table
 * shop.orders}) and how many it skipped because their effect was already there (a retry or a re-run).
 */
public record SchemaApplyResult(SchemaSection section, List<String> executed, int alreadyPresent) {

    public SchemaApplyResult {
        executed = List.copyOf(executed);
    }

    /** True when the target already held everything: nothing ran. */
    public boolean unchanged() {
        return executed.isEmpty();
    }
}
