package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.cutover.CutoverObjects;
import dmsrunbook.cutover.MaterializedViewRefresh;
import dmsrunbook.cutover.SequenceMove;
import dmsrunbook.cutover.SequenceState;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.RichSourceSchema;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The cutover's last step before the application writes to the target: the rows arrived with their ids, but no
 * sequence value and no materialized view content did. Every sequence (serial, identity, standalone ones reached
 * through DEFAULT nextval, one no column uses, odd names) must stand where the source's does, and never behind a
 * value the target already holds.
 */
class PostgresCutoverObjectsIT {

    private static final ObjectName MIXED_SEQ = new ObjectName(RichSchema.ODD_SCHEMA, "Mixed.Seq \"X\"");
    private static final ObjectName TICKETS_SEQ = new ObjectName(RichSchema.ODD_SCHEMA, "Tickets_TicketId_seq");

    /** The application's first insert into each table a sequence feeds, and the value it must get back. */
    private static final Map<String, String> FIRST_INSERTS = RichSourceSchema.FIRST_INSERTS;

    @Test
    void everySequence_standsWhereTheSourcesDoes_standaloneUnusedAndOddNamesIncluded() throws Exception {
        // GIVEN a target prepared and loaded from the source: its sequences at their start
        RichSchema.Pair pair = RichSchema.migrated("cutover_all");

        // WHEN the cutover carries the objects over
        CutoverObjects carried = carryOver(pair);

        // THEN every sequence of the source moved, by name, to the source's last_value and is_called
        Map<ObjectName, SequenceState> source = sequences(pair.source());
        Map<ObjectName, SequenceState> target = sequences(pair.target());
        assertThat(source).hasSize(13).containsKeys(MIXED_SEQ, TICKETS_SEQ, new ObjectName("shop", "unused_seq"),
                new ObjectName("shop", "legacy_number_seq"),
                new ObjectName("shop", "invoice_number_seq"), new ObjectName("shop", "countdown_seq"));
        assertThat(target).isEqualTo(source);
        assertThat(carried.movedSequences()).extracting(SequenceMove::sequence).containsExactlyInAnyOrderElementsOf(source.keySet());
        assertThat(carried.movedSequences()).allSatisfy(move -> assertThat(move.reason()).isEqualTo("source sequence"));
        assertThat(carried.movedSequences()).contains(new SequenceMove(MIXED_SEQ, 900, false, "source sequence"),
                new SequenceMove(new ObjectName("shop", "unused_seq"), 77, true, "source sequence"),
                new SequenceMove(new ObjectName("shop", "countdown_seq"), 91, true, "source sequence"));
        assertThat(carried.sequencesMissingOnTarget()).isEmpty();
        assertThat(carried.summary()).startsWith("Sequences moved forward on the target: 13.")
                .contains("\"Odd.Schema \"\"Q\"\"\".\"Mixed.Seq \"\"X\"\"\" -> 900 (next) (source sequence)");
    }

    @Test
    void theApplicationsFirstInsert_succeedsOnEveryTableASequenceFeeds() throws Exception {
        RichSchema.Pair pair = RichSchema.migrated("cutover_insert");
        // Every table with a sequence default or an identity column has its first insert below.
        assertThat(tablesFedBySequences(pair.target())).isEqualTo(new TreeSet<>(FIRST_INSERTS.keySet().stream()
                .map(key -> key.substring(0, key.lastIndexOf('='))).toList()));
        // Before the cutover the first insert collides with a migrated row.
        assertThatThrownBy(() -> insert(pair.target(), "INSERT INTO shop.orders (customer_id) VALUES (100) RETURNING id"))
                .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key value violates unique constraint \"orders_pkey\"");

        carryOver(pair);

        List<String> got = new ArrayList<>();
        for (Map.Entry<String, String> first : FIRST_INSERTS.entrySet()) {
            got.add(first.getKey().substring(0, first.getKey().lastIndexOf('=') + 1) + insert(pair.target(), first.getValue()));
        }
        assertThat(got).containsExactlyElementsOf(FIRST_INSERTS.keySet());
    }

    @Test
    void materializedViews_arePopulated_concurrentlyOnceTheyHoldRowsAndHaveAUniqueIndex() throws Exception {
        RichSchema.Pair pair = RichSchema.migrated("cutover_matviews");

        CutoverObjects first = carryOver(pair);

        // Created WITH NO DATA, so refreshed plainly; best_day reads daily_revenue, so it comes after it.
        ObjectName daily = new ObjectName("shop", "daily_revenue");
        ObjectName best = new ObjectName("shop", "best_day");
        ObjectName counts = new ObjectName("shop", "status_counts");
        assertThat(first.refreshedViews()).containsExactly(new MaterializedViewRefresh(daily, false),
                new MaterializedViewRefresh(best, false), new MaterializedViewRefresh(counts, false));
        for (String view : List.of("daily_revenue", "best_day", "status_counts")) {
            String contents = "SELECT string_agg(v::text, ';' ORDER BY v::text) FROM shop." + view + " v";
            assertThat(query(pair.target(), contents)).as(view).isNotNull().isEqualTo(query(pair.source(), contents));
        }

        // Populated now: the one with a unique index is refreshed without blocking its readers.
        CutoverObjects again = carryOver(pair);
        assertThat(again.refreshedViews()).containsExactly(new MaterializedViewRefresh(daily, true),
                new MaterializedViewRefresh(best, false), new MaterializedViewRefresh(counts, false));
    }

    @Test
    void runningAgain_movesNothing() throws Exception {
        RichSchema.Pair pair = RichSchema.migrated("cutover_again");
        carryOver(pair);
        Map<ObjectName, SequenceState> after = sequences(pair.target());

        CutoverObjects again = carryOver(pair);

        assertThat(again.movedSequences()).isEmpty();
        assertThat(again.sequencesAlreadyAhead()).hasSize(13);
        assertThat(sequences(pair.target())).isEqualTo(after);
    }

    @Test
    void aTargetAhead_isNeverMovedBack_andValuesTheTargetHolds_areNeverHandedOutAgain() throws Exception {
        // GIVEN a target whose event sequence is already far ahead, and rows written there with ids above the source's
        RichSchema.Pair pair = RichSchema.migrated("cutover_ahead");
        SharedPostgres.cluster().execute(pair.target(), """
                SELECT setval('shop.event_id_seq', 5000);
                INSERT INTO shop.archived_orders (id, customer_id) VALUES (700, 100);
                INSERT INTO "Odd.Schema ""Q""\"."Tickets" ("TicketId", "Title") VALUES (50, 'written on the target');
                INSERT INTO shop.bookings (id, room, during, countdown) VALUES (40, 'Low', '[2040-01-01,2040-01-02)', 5);
                INSERT INTO shop.legacy_notes (id, note) VALUES (300, 'written on the target');""");

        CutoverObjects carried = carryOver(pair);

        assertThat(carried.sequencesAlreadyAhead()).contains(new ObjectName("shop", "event_id_seq"));
        assertThat(carried.movedSequences()).contains(
                new SequenceMove(new ObjectName("shop", "orders_id_seq"), 700, true, "max(shop.archived_orders.id, shop.orders.id)"),
                new SequenceMove(TICKETS_SEQ, 50, true, "max(\"Odd.Schema \"\"Q\"\"\".\"Tickets\".\"TicketId\")"),
                // counts down: past the smallest value held
                new SequenceMove(new ObjectName("shop", "countdown_seq"), 5, true, "min(shop.bookings.countdown)"),
                // reached through nextval('...'::text), which pg_depend does not record
                new SequenceMove(new ObjectName("shop", "legacy_number_seq"), 300, true, "max(shop.legacy_notes.id)"));
        assertThat(insert(pair.target(), "INSERT INTO shop.events (occurred_on) VALUES ('2025-02-01') RETURNING id")).isEqualTo("5001");
        assertThat(insert(pair.target(), "INSERT INTO shop.orders (customer_id) VALUES (100) RETURNING id")).isEqualTo("701");
        assertThat(insert(pair.target(), "INSERT INTO \"Odd.Schema \"\"Q\"\"\".\"Tickets\" (\"Title\") VALUES ('x') RETURNING \"TicketId\""))
                .isEqualTo("51");
        assertThat(insert(pair.target(), "INSERT INTO shop.bookings (room, during) VALUES ('x', '[2041-01-01,2041-01-02)') RETURNING countdown"))
                .isEqualTo("4");
    }

    @Test
    void fromASpec_theMappingsSchemasAreCarried_throughTheEndpointsSecrets() throws Exception {
        RichSchema.Pair pair = RichSchema.migrated("cutover_spec");
        MigrationSpec spec = RichSchema.spec(pair, null);

        CutoverObjects carried = new PostgresCutoverObjects(LocalSecretsManager.connector()).carryOver(spec);

        assertThat(carried.movedSequences()).hasSize(13);
        assertThat(carried.refreshedViews()).hasSize(3);
        assertThat(sequences(pair.target())).isEqualTo(sequences(pair.source()));
    }

    private static CutoverObjects carryOver(RichSchema.Pair pair) throws SQLException {
        try (Connection source = RichSchema.connect(pair.source()); Connection target = RichSchema.connect(pair.target())) {
            return PostgresCutoverObjects.carryOver(source, target, RichSchema.SELECTION);
        }
    }

    private static Map<ObjectName, SequenceState> sequences(String database) throws SQLException {
        try (Connection connection = RichSchema.connect(database)) {
            return PostgresCutoverObjects.readSequences(connection, RichSchema.SELECTION.sourceSchemas());
        }
    }

    /** Tables (partitions included) with a column that takes nextval(...) by default or is an identity column. */
    private static TreeSet<String> tablesFedBySequences(String database) throws SQLException {
        TreeSet<String> tables = new TreeSet<>();
        try (Connection connection = RichSchema.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(RichSourceSchema.TABLES_FED_BY_SEQUENCES)) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static String insert(String database, String sql) throws SQLException {
        return query(database, sql);
    }

    private static String query(String database, String sql) throws SQLException {
        try (Connection connection = RichSchema.connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
