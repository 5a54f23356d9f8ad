package dmsrunbook.rehearsal;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the rehearsal shows of a native subscription while the workflow runs: each table's copy state on the target and
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
        StringBuilder text = new StringBuilder();
        Optional<String> tables = target.read(connection -> {
            StringBuilder states = new StringBuilder();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT c.relname, r.srsubstate FROM pg_subscription_rel r "
                         + "JOIN pg_class c ON c.oid = r.srrelid ORDER BY 1")) {
                while (rows.next()) {
                    states.append(states.length() == 0 ? "tables: " : ", ").append(rows.getString(1)).append(' ')
                            .append(switch (rows.getString(2)) {
                                case "r" -> "ready";
                                case "d" -> "copying";
                                case "i" -> "queued";
                                default -> "syncing";
                            });
                }
            }
            return states.toString();
        });
        text.append(tables.orElseGet(() -> target.status().orElse("")));
        Optional<String> lag = source.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)) "
                         + "FROM pg_replication_slots WHERE slot_name = '" + name.replace("'", "''") + "'")) {
                return row.next() ? row.getString(1) : null;
            }
        });
        if (lag.isPresent()) {
            text.append(text.length() == 0 ? "apply lag " : " - apply lag ").append(lag.get());
        } else {
            source.status().ifPresent(down -> text.append(text.length() == 0 ? "" : " - ").append(down));
        }
        return text.toString();
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
