package dmsrunbook.cutover;

import dmsrunbook.schema.ObjectName;

/**
 * A materialized view the cutover refreshed on the target, and whether CONCURRENTLY (readers not blocked: possible
 * once it is populated and has a unique index on plain columns).
 */
public record MaterializedViewRefresh(ObjectName view, boolean concurrently) {
}
