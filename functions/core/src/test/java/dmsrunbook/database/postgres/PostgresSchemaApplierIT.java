package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.schema.SchemaStatement;
import dmsrunbook.testing.SchemaDump;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The post-data part on several connections: runs of index builds and of validations shared among workers, the rest
 * in order; the target ends as the source's schema, a re-run changes nothing, a failure names its statement.
 */
class PostgresSchemaApplierIT {

    private static final Instant NO_DEADLINE = Instant.now().plus(Duration.ofHours(1));

    @Test
    void richSchema_postDataOnFourConnections_endsAsTheSource_andARerunRunsNothing() throws Exception {
        // GIVEN the rich schema's pre-data and rows on an empty target
        RichSchema.Loaded loaded = RichSchema.loaded("applier_parallel", false);
        String source = loaded.source();
        String target = loaded.target();
        SchemaPlan plan = loaded.plan();

        // WHEN its post-data part runs with four jobs, then again
        SchemaSlice first;
        SchemaSlice again;
        try (Connection to = RichSchema.connect(target)) {
            first = PostgresSchemaApplier.applyEach(to, () -> RichSchema.connect(target), 4, plan.postData(), 0, NO_DEADLINE);
            again = PostgresSchemaApplier.applyEach(to, () -> RichSchema.connect(target), 4, plan.postData(), 0, NO_DEADLINE);
        }

        // THEN every statement ran once, in one slice, and the target's schema is the source's
        assertThat(first.finished()).isTrue();
        assertThat(first.executed()).hasSize(plan.postData().size()).doesNotHaveDuplicates();
        assertThat(plan.postData()).filteredOn(s -> s.object().kind() == ObjectKind.INDEX).hasSizeGreaterThan(1);
        assertThat(SchemaDump.of(target)).containsExactlyElementsOf(SchemaDump.of(source));
        // AND the second run found everything in place
        assertThat(again.executed()).isEmpty();
        assertThat(again.alreadyPresent()).isEqualTo(plan.postData().size());
    }

    @Test
    void indexBuildsOfOneRun_runAtTheSameTime_onSeveralConnections() throws Exception {
        // GIVEN four indexes whose every entry takes 1 s to compute (one row each): built in turn they never overlap
        String target = SharedPostgres.freshDatabase("applier_overlap");
        try (Connection to = RichSchema.connect(target); Statement statement = to.createStatement()) {
            statement.execute("CREATE FUNCTION public.slow(v int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); "
                    + "RETURN v; END $$");
            statement.execute("CREATE TABLE public.t (id int PRIMARY KEY, a int, b int, c int, d int)");
            statement.execute("INSERT INTO public.t VALUES (1, 1, 2, 3, 4)");
        }
        List<SchemaStatement> indexes = new ArrayList<>();
        for (String column : List.of("a", "b", "c", "d")) {
            indexes.add(index("t_slow_" + column, "CREATE INDEX t_slow_" + column + " ON public.t (public.slow(" + column + "))"));
        }

        // WHEN they run as one slice with four jobs, while another session watches pg_stat_activity
        CompletableFuture<Integer> mostAtOnce = CompletableFuture.supplyAsync(() -> mostIndexBuildsAtOnce(target, Duration.ofSeconds(8)));
        SchemaSlice slice;
        try (Connection to = RichSchema.connect(target)) {
            slice = PostgresSchemaApplier.applyEach(to, () -> RichSchema.connect(target), 4, indexes, 0, NO_DEADLINE);
        }

        // THEN all four were built, and more than one was being built at the same moment
        assertThat(slice.finished()).isTrue();
        assertThat(slice.executed()).containsExactly("create index public.t_slow_a", "create index public.t_slow_b",
                "create index public.t_slow_c", "create index public.t_slow_d");
        assertThat(mostAtOnce.get()).isGreaterThan(1);
    }

    @Test
    void aFailingIndexBuild_failsTheSliceNamingIt_leavesNothingOfItself_andARetryFinishes() throws Exception {
        // GIVEN rows that a unique index refuses, among other index builds
        String target = SharedPostgres.freshDatabase("applier_failure");
        try (Connection to = RichSchema.connect(target); Statement statement = to.createStatement()) {
            statement.execute("CREATE TABLE public.u (id int PRIMARY KEY, a int, b int)");
            statement.execute("INSERT INTO public.u SELECT g, g % 3, g FROM generate_series(1, 100) g");
        }
        List<SchemaStatement> indexes = List.of(index("u_b", "CREATE INDEX u_b ON public.u (b)"),
                index("u_a_unique", "CREATE UNIQUE INDEX u_a_unique ON public.u (a)"),
                index("u_a_b", "CREATE INDEX u_a_b ON public.u (a, b)"));

        // WHEN they run with three jobs
        try (Connection to = RichSchema.connect(target)) {
            assertThatThrownBy(() -> PostgresSchemaApplier.applyEach(to, () -> RichSchema.connect(target), 3, indexes, 0, NO_DEADLINE))
                    // THEN the slice fails with PostgreSQL's words about that index
                    .isInstanceOf(SQLException.class).hasMessageContaining("create index public.u_a_unique")
                    .hasMessageContaining("could not create unique index");
        }
        // AND the failed build left nothing behind
        assertThat(indexesOf(target, "u")).doesNotContain("u_a_unique").contains("u_pkey");

        // WHEN the rows are fixed and the slice runs again
        try (Connection to = RichSchema.connect(target); Statement statement = to.createStatement()) {
            statement.execute("UPDATE public.u SET a = id");
            SchemaSlice retried = PostgresSchemaApplier.applyEach(to, () -> RichSchema.connect(target), 3, indexes, 0, NO_DEADLINE);
            // THEN it finishes, skipping what the first run's other workers had built
            assertThat(retried.finished()).isTrue();
            assertThat(retried.executed().size() + retried.alreadyPresent()).isEqualTo(3);
            assertThat(retried.executed()).contains("create index public.u_a_unique");
        }
        assertThat(indexesOf(target, "u")).containsExactly("u_a_b", "u_a_unique", "u_b", "u_pkey");
    }

    private static List<String> indexesOf(String database, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = RichSchema.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = '" + table + "' ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void runsAreIndexBuildsOrValidationsOfOneKind_everythingElseStandsAlone() {
        List<SchemaStatement> plan = List.of(index("i1", "CREATE INDEX i1 ON public.t (a)"), index("i2", "CREATE INDEX i2 ON public.t (b)"),
                statement(ObjectKind.FOREIGN_KEY, "fk1", SchemaStatement.Action.CREATE),
                statement(ObjectKind.FOREIGN_KEY, "fk1", SchemaStatement.Action.VALIDATE),
                statement(ObjectKind.FOREIGN_KEY, "fk2", SchemaStatement.Action.VALIDATE),
                statement(ObjectKind.CHECK_CONSTRAINT, "ck1", SchemaStatement.Action.VALIDATE),
                statement(ObjectKind.TRIGGER, "tr1", SchemaStatement.Action.CREATE));

        assertThat(PostgresSchemaApplier.runEnd(plan, 0)).isEqualTo(2);
        assertThat(PostgresSchemaApplier.runEnd(plan, 1)).isEqualTo(2);
        assertThat(PostgresSchemaApplier.runEnd(plan, 2)).isEqualTo(3);
        assertThat(PostgresSchemaApplier.runEnd(plan, 3)).isEqualTo(5);
        assertThat(PostgresSchemaApplier.runEnd(plan, 5)).isEqualTo(6);
        assertThat(PostgresSchemaApplier.runEnd(plan, 6)).isEqualTo(7);
    }

    private static SchemaStatement index(String name, String sql) {
        return new SchemaStatement(SchemaObject.of(ObjectKind.INDEX, new ObjectName("public", name)), SchemaStatement.Action.CREATE, sql,
                "SELECT to_regclass('public." + name + "') IS NOT NULL");
    }

    private static SchemaStatement statement(ObjectKind kind, String name, SchemaStatement.Action action) {
        return new SchemaStatement(SchemaObject.of(kind, new ObjectName("public", "t"), name), action, "SELECT 1", "SELECT false");
    }

    /** The most CREATE INDEX statements pg_stat_activity showed running at once within {@code during}. */
    private static int mostIndexBuildsAtOnce(String database, Duration during) {
        int most = 0;
        long end = System.nanoTime() + during.toNanos();
        try (Connection connection = RichSchema.connect(database); Statement statement = connection.createStatement()) {
            while (System.nanoTime() < end) {
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                        + "AND query LIKE 'CREATE INDEX t_slow_%'")) {
                    row.next();
                    most = Math.max(most, row.getInt(1));
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return most;
    }
}
