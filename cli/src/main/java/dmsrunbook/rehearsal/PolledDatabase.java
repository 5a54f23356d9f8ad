package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A database the rehearsal's progress display reads from, which may go away under it (a restart, a failover): a read
 * that cannot reach it answers nothing instead of failing, and the outage is remembered, so the display can say
 * "target unreachable since 10:42:07" and keep following the execution, and the summary how long each outage lasted.
 */
public final class PolledDatabase {

    /** One read of the database. */
    @FunctionalInterface
    public interface Read<T> {
        T from(Connection connection) throws SQLException;
    }

    /** An outage seen by the display: when it began and, once the database answered again, when it ended. */
    public record Outage(String role, Instant since, Instant until, String reason) {
        public Optional<Duration> duration() {
            return until == null ? Optional.empty() : Optional.of(Duration.between(since, until));
        }
    }

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String role;
    private final LocalPostgres cluster;
    private final String database;
    private final Clock clock;
    private final List<Outage> outages = new ArrayList<>();
    private Instant unreachableSince;
    private String reason;
    private String pendingNews;

    /** {@code role}: how the display names it ("source", "target"). */
    public PolledDatabase(String role, LocalPostgres cluster, String database, Clock clock) {
        this.role = role;
        this.cluster = cluster;
        this.database = database;
        this.clock = clock;
    }

    public String role() {
        return role;
    }

    /** The read's answer, or empty when the database cannot be reached or dropped the connection. */
    public synchronized <T> Optional<T> read(Read<T> read) {
        try (Connection connection = cluster.connect(database)) {
            T answer = read.from(connection);
            if (unreachableSince != null) {
                Instant now = clock.instant();
                outages.add(new Outage(role, unreachableSince, now, reason));
                pendingNews = role + " reachable again after " + Duration.between(unreachableSince, now).toSeconds() + " s";
                unreachableSince = null;
                reason = null;
            }
            return Optional.ofNullable(answer);
        } catch (SQLException e) {
            if (unreachableSince == null) {
                unreachableSince = clock.instant();
                reason = firstLine(e.getMessage());
                pendingNews = status().orElseThrow();
            }
            return Optional.empty();
        }
    }

    /** "target unreachable since 10:42:07 (Connection to 127.0.0.1:5433 refused)" while it is down. */
    public synchronized Optional<String> status() {
        if (unreachableSince == null) {
            return Optional.empty();
        }
        return Optional.of(role + " unreachable since " + LocalTime.ofInstant(unreachableSince, ZoneId.systemDefault()).format(CLOCK_TIME)
                + " (" + reason + ")");
    }

    /** What changed since the last call (it went down, or came back), once; empty if nothing did. */
    public synchronized Optional<String> news() {
        Optional<String> news = Optional.ofNullable(pendingNews);
        pendingNews = null;
        return news;
    }

    /** Every outage seen so far, the one still going last (with no end). */
    public synchronized List<Outage> outages() {
        List<Outage> all = new ArrayList<>(outages);
        if (unreachableSince != null) {
            all.add(new Outage(role, unreachableSince, null, reason));
        }
        return all;
    }

    /** The driver's first sentence ("Connection to 127.0.0.1:5433 refused."), without its advice. */
    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        int advice = text.indexOf(". Check that");
        return advice < 0 ? text : text.substring(0, advice + 1);
    }
}
