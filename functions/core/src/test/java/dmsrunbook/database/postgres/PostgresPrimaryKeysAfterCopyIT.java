package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.database.postgres.PostgresLogicalReplication.SubscribedTable;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The keys built after the copy, on a real cluster: only copied tables get theirs (several at once), from the source's
 * definition, and a build that outlasts the check's wait goes on on the target: the next checks see it under its
 * application name and start no second one, and once it commits the table has its key.
 */
class PostgresPrimaryKeysAfterCopyIT {

    private final PostgresPrimaryKeysAfterCopy keys = new PostgresPrimaryKeysAfterCopy();

    @Test
    void onlyCopiedTablesGetTheirKeys_namedAsOnTheSource() throws Exception {
        String source = SharedPostgres.freshDatabase("keys_source");
        String target = SharedPostgres.freshDatabase("keys_target");
        LocalPostgres cluster = SharedPostgres.cluster();
        String tables = "CREATE TABLE %s (id bigint%s, code text NOT NULL%s, note text); INSERT INTO %s SELECT g, 'c' || g, 'n' FROM generate_series(1, 100) g";
        for (String table : List.of("copied", "synchronized", "copying")) {
            cluster.execute(source, tables.formatted(table, "", ", CONSTRAINT \"" + table + " key\" PRIMARY KEY (code, id)", table));
            cluster.execute(target, tables.formatted(table, " NOT NULL", "", table));
        }

        PostgresPrimaryKeysAfterCopy.Keys built;
        try (Connection from = cluster.connect(source); Connection to = cluster.connect(target)) {
            built = keys.buildCopied(from, to, properties -> connect(target, properties),
                    List.of(new SubscribedTable(new TableName("public", "copied"), "copied"),
                            new SubscribedTable(new TableName("public", "synchronized"), "synchronized"),
                            new SubscribedTable(new TableName("public", "copying"), "copying")), Instant.now().plusSeconds(30));
        }

        assertThat(built.built()).containsExactly(new TableName("public", "copied"), new TableName("public", "synchronized"));
        assertThat(built.complete()).isTrue();
        assertThat(text(target, "SELECT string_agg(conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) "
                + "FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace"))
                .isEqualTo("copied copied key PRIMARY KEY (code, id); synchronized synchronized key PRIMARY KEY (code, id)");
    }

    @Test
    void aBuildThatOutlastsTheWait_goesOnOnTheTarget_theNextCheckWaitsForIt_andItCommits() throws Exception {
        // GIVEN a copied table without its key, and a session holding a lock that keeps the key's build waiting
        String source = SharedPostgres.freshDatabase("keys_wait_source");
        String target = SharedPostgres.freshDatabase("keys_wait_target");
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute(source, "CREATE TABLE orders (id bigint PRIMARY KEY)");
        cluster.execute(target, "CREATE TABLE orders (id bigint NOT NULL); INSERT INTO orders SELECT generate_series(1, 1000)");
        List<SubscribedTable> copied = List.of(new SubscribedTable(new TableName("public", "orders"), "ready"));
        try (Connection from = cluster.connect(source); Connection to = cluster.connect(target); Connection holder = cluster.connect(target);
             Statement holding = holder.createStatement()) {
            holder.setAutoCommit(false);
            holding.execute("LOCK TABLE orders IN ACCESS SHARE MODE");

            // WHEN a check waits 2 s for the build
            PostgresPrimaryKeysAfterCopy.Keys first = keys.buildCopied(from, to, properties -> connect(target, properties), copied,
                    Instant.now().plus(Duration.ofSeconds(2)));

            // THEN it reports the key still building, and the build's session is still there, waiting
            assertThat(first.building()).containsExactly(new TableName("public", "orders"));
            assertThat(first.complete()).isFalse();
            assertThat(text(target, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'dmsrunbook primary key %' AND state = 'active'"))
                    .isEqualTo("1");
            // AND the next check starts no second build
            PostgresPrimaryKeysAfterCopy.Keys second = keys.buildCopied(from, to, properties -> connect(target, properties), copied,
                    Instant.now().plus(Duration.ofSeconds(2)));
            assertThat(second.building()).containsExactly(new TableName("public", "orders"));
            assertThat(second.built()).isEmpty();

            // AND once the lock goes, the build left behind commits: the table has its key, and a check finds nothing to do
            holder.rollback();
            Instant until = Instant.now().plusSeconds(30);
            while (!"1".equals(text(target, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.orders'::regclass AND contype = 'p'"))
                    && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            assertThat(text(target, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.orders'::regclass AND contype = 'p'")).isEqualTo("1");
            PostgresPrimaryKeysAfterCopy.Keys third = keys.buildCopied(from, to, properties -> connect(target, properties), copied,
                    Instant.now().plus(Duration.ofSeconds(2)));
            assertThat(third.complete()).isTrue();
            assertThat(third.built()).isEmpty();
        }
    }

    private static Connection connect(String database, Properties properties) throws java.sql.SQLException {
        LocalPostgres cluster = SharedPostgres.cluster();
        Properties all = new Properties();
        all.putAll(properties);
        all.setProperty("user", LocalPostgres.SUPERUSER);
        all.setProperty("password", LocalPostgres.PASSWORD);
        return java.sql.DriverManager.getConnection("jdbc:postgresql://" + cluster.host() + ":" + cluster.port() + "/" + database, all);
    }

    private static String text(String database, String query) throws Exception {
        try (Connection connection = SharedPostgres.cluster().connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
