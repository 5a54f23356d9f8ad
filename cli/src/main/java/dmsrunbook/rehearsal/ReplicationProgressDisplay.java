package dmsrunbook.rehearsal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rehearsal shows of a native subscription while the workflow runs: each table's copy state on the target and
 * the apply lag on the source. A database it cannot reach shows as "target unreachable since ..." instead of ending
 * the display: the execution goes on, and so does following it.
 */
public final class ReplicationProgressDisplay {

    private final PolledDatabase source;
    private final PolledDatabase target;

    public ReplicationProgressDisplay(PolledDatabase source, PolledDatabase target) {
        this.source = source;
        this.target = target;
    }

    /** Per-table copy state and apply lag of subscription/slot {@code name}; empty when there is nothing to show yet. */
    public String progress(String name) {
        return view(name).describe();
    }

    /** The tables' copy states on the target and the slot's lag on the source, each side as far as it answers. */
    ReplicationView view(String slotName) {
        Optional<List<String>> tables = target.read(connection -> {
            List<String> states = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT r.srrelid::regclass::text, r.srsubstate FROM pg_subscription_rel r ORDER BY 1")) {
                while (rows.next()) {
                    states.add(rows.getString(1) + " " + switch (rows.getString(2)) {
                        case "r" -> "ready";
                        case "d" -> "copying";
                        case "i" -> "queued";
                        default -> "syncing";
                    });
                }
            }
            return states;
        });
        Optional<String> lag = source.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), "
                    + "confirmed_flush_lsn)) FROM pg_replication_slots WHERE slot_name = ?")) {
                statement.setString(1, slotName);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
        List<String> states = tables.orElse(List.of());
        int ready = (int) states.stream().filter(state -> state.endsWith(" ready")).count();
        return new ReplicationView(states, ready, lag.orElse(null), target.status().orElse(null), source.status().orElse(null));
    }

    /** Lines to print about databases going away or coming back since the last call. */
    public List<String> news() {
        List<String> lines = new ArrayList<>();
        source.news().ifPresent(lines::add);
        target.news().ifPresent(lines::add);
        return lines;
    }

    public List<PolledDatabase.Outage> outages() {
        List<PolledDatabase.Outage> all = new ArrayList<>(source.outages());
        all.addAll(target.outages());
        return all;
    }
}
