package dmsrunbook.rehearsal;

import java.util.List;

/**
 * One look at a native migration while it runs: each table's copy state on the target's subscription, how many are
 * ready, the apply lag of the slot on the source (null when there is no slot, or the source did not answer), and
 * what could not be reached ("target unreachable since 10:42:07 (...)"), said in place of what it would have shown.
 */
record ReplicationView(List<String> tableStates, int tablesReady, String lag, String targetDown, String sourceDown) {

    ReplicationView {
        tableStates = List.copyOf(tableStates);
    }

    /** One line: the tables' states (all of them while few, else counts) and the lag; an unreachable side in its place. */
    String describe() {
        String tables = targetDown != null ? targetDown
                : tableStates.isEmpty() ? ""
                : tableStates.size() <= 8 ? "tables: " + String.join(", ", tableStates)
                : "tables: " + tablesReady + " of " + tableStates.size() + " ready";
        String replication = sourceDown != null ? sourceDown : lag == null ? "" : "apply lag " + lag;
        return tables.isEmpty() ? replication : replication.isEmpty() ? tables : tables + " - " + replication;
    }
}
