package dmsrunbook.bench;

import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.StreamPositions;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.database.postgres.PostgresSchemaApplier;
import dmsrunbook.database.postgres.PostgresPrimaryKeysAfterCopy;
import dmsrunbook.database.postgres.PostgresTargetSchema;
import dmsrunbook.database.postgres.PostgresTargetSections;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.rehearsal.WriteWorkload;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.RunbookServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The native engine beside its peers on the same two clusters in the same run: the initial copy alone against
 * {@code pgcopydb copy table-data} and {@code pg_dump --data-only | psql} (all three without foreign key checks, as the
 * subscription writes); the whole migration (pre-data, copy, post-data) against {@code pgcopydb clone}; then the apply
 * lag while an application writes at a steady rate, and how long the last changes take to drain once it stops. Says
 * where the time goes: each table's sync states over time, each post-data statement's seconds, pgcopydb's own
 * summary, and (a diagnostic) the subscription's copy into the same tables without their primary keys. Prints its
 * figures; run with {@code bench/run native}.
 */
public final class NativeCopyBenchmark {

    private static final String DB = "fluxocaixa";
    /** The target's wal_retrieve_retry_interval (PostgreSQL's default, which the bench's clusters keep) and a margin. */
    private static final Duration LAUNCHER_INTERVAL = Duration.ofMillis(5_500);

    public static void main(String[] args) throws Exception {
        long transactions = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int writesPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int lagSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        try (LocalPostgres source = LocalPostgres.startLogicalSource("bench-source");
             LocalPostgres target = LocalPostgres.start("bench-target", Map.of("wal_receiver_status_interval", "1s"));
             LocalAws aws = LocalAws.start()) {
            source.createDatabase(DB);
            try (Connection connection = source.connect(DB)) {
                CashFlowSchema.create(connection);
                CashFlowSchema.seed(connection, 10_000, transactions);
            }
            long rows = count(source, DB);
            double megabytes = sizeBytes(source) / 1_048_576.0;
            System.out.printf("source: %,d rows in %d tables, %.1f MB (tables + indexes)%n", rows, CashFlowSchema.TABLES.size(), megabytes);
            System.out.println("load before: " + uptime());
            System.out.printf("parallelism: the subscription's sync workers (max_sync_workers_per_subscription on the target) %s, "
                    + "pgcopydb --table-jobs 2 --index-jobs 2; post-data: the native path's index builds and validations on up to " + PostgresTargetSections.POST_DATA_JOBS + " connections (as the workflow), pgcopydb two index jobs; "
                    + "each native start waits out the launcher's wal_retrieve_retry_interval (%s) untimed%n",
                    setting(target, "max_sync_workers_per_subscription"), setting(target, "wal_retrieve_retry_interval"));
            String sourceSecret = LocalSecrets.put(aws, "dms-runbook/bench-source", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD, source.host(), source.port());
            String targetSecret = LocalSecrets.put(aws, "dms-runbook/bench-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD, target.host(), target.port());

            // The copy alone, into the complete schema (indexes and foreign keys in place). Every method writes
            // without checking foreign keys, as the subscription's sync workers do (session_replication_role =
            // replica): psql through PGOPTIONS, pgcopydb by its own setting. The methods take turns each round.
            List<Double> peer = new ArrayList<>();
            List<Double> pgcopydb = new ArrayList<>();
            List<Double> nativeCopy = new ArrayList<>();
            Running last = null;
            for (int round = 1; round <= rounds; round++) {
                peer.add(peerCopy(source, target, "peer_" + round, rows));
                pgcopydb.add(pgCopyDbCopy(source, target, "pgcopydb_" + round, rows));
                if (last != null) {
                    last.stop();
                }
                String database = "copy_" + round;
                target.createDatabase(database);
                schema(target, database);
                last = startNative(aws, source, target, database, "bench-copy-" + round, sourceSecret, targetSecret);
                nativeCopy.add(last.waitForCopy());
                require(count(target, database) == rows, "the subscription copied a different number of rows");
            }
            System.out.printf("%nthe copy alone (%,d rows, %.1f MB), %d runs each; best run, then every run:%n", rows, megabytes, rounds);
            line("native subscription (2 sync workers)", nativeCopy, rows, megabytes);
            line("pgcopydb copy table-data --table-jobs 2", pgcopydb, rows, megabytes);
            line("pg_dump --data-only | psql (replica role)", peer, rows, megabytes);
            System.out.printf("ratio, native / pgcopydb: best %.2fx, median %.2fx; native / pg_dump | psql: best %.2fx, median %.2fx%n",
                    best(pgcopydb) / best(nativeCopy), median(pgcopydb) / median(nativeCopy), best(peer) / best(nativeCopy), median(peer) / median(nativeCopy));

            // The whole migration of the schema's data, as a user runs it: the project's path (pre-data from the
            // source's catalog, the subscription's initial copy, post-data built after the load) against pgcopydb
            // clone into an empty database.
            List<double[]> whole = new ArrayList<>();
            List<Double> clone = new ArrayList<>();
            List<Double> keyedCopy = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                clone.add(pgCopyDbClone(source, target, "clone_" + round, rows));
                if (last != null) {
                    last.stop(); // the copy-alone runs' last subscription: nothing else replicates while the whole runs
                    last = null;
                }
                double[] parts = wholeMigration(aws, source, target, "whole_" + round, "bench-whole-" + round, sourceSecret, targetSecret, rows);
                whole.add(parts);
                keyedCopy.add(copyIntoKeyedTables(aws, source, target, "keyed_" + round, "bench-keyed-" + round, sourceSecret, targetSecret, rows));
            }
            List<Double> wholeTotals = whole.stream().map(parts -> parts[0] + parts[1] + parts[2]).toList();
            System.out.printf("%nthe whole migration (pre-data, copy, post-data), %d runs each; best run, then every run:%n", rounds);
            line("native: schema steps + subscription", wholeTotals, rows, megabytes);
            line("pgcopydb clone --table-jobs 2 --index-jobs 2", clone, rows, megabytes);
            for (int round = 0; round < rounds; round++) {
                double[] parts = whole.get(round);
                System.out.printf("  native run %d: pre-data %.2f s, copy %.2f s, post-data %.2f s%n",
                        round + 1, parts[0], parts[1], parts[2]);
            }
            System.out.printf("ratio, native / pgcopydb clone: best %.2fx, median %.2fx%n", best(clone) / best(wholeTotals), median(clone) / median(wholeTotals));
            List<Double> copyThenKeys = whole.stream().map(parts -> parts[1]).toList();
            System.out.printf("where the copy's time goes: the subscription's copy into tables without their primary keys, each key "
                    + "built by the check that finds its table copied (the workflow's path) best %.2f s, runs %s; into the pre-data "
                    + "tables with their keys kept up to date during the copy (a diagnostic: the path before) best %.2f s, runs %s%n",
                    best(copyThenKeys), runs(copyThenKeys), best(keyedCopy), runs(keyedCopy));
            System.out.println("load after: " + uptime());

            // Lag under a steady write rate, then the drain once writes stop, on the last migrated database.
            Running running = startNative(aws, source, target, "lag", "bench-lag", sourceSecret, targetSecret, true);
            running.waitForCopy();
            ReplicationEngine engine = running.engine;
            MigrationSpec spec = running.spec;
            ReplicationHandle handle = running.handle;
            List<Long> lagBytes = new ArrayList<>();
            List<Double> lagSecondsSeen = new ArrayList<>();
            try (WriteWorkload workload = new WriteWorkload(source, DB, writesPerSecond).start()) {
                long end = System.nanoTime() + Duration.ofSeconds(lagSeconds).toNanos();
                while (System.nanoTime() < end) {
                    ReplicationProgress progress = engine.progress(spec, handle);
                    StreamPositions positions = progress.streamPositions().orElseThrow();
                    lagBytes.add(positions.sourcePosition() - positions.appliedPosition());
                    lagSecondsSeen.add(progress.latencySeconds());
                    Thread.sleep(500);
                }
                workload.stop();
                System.out.printf("writes during the lag run: %s (%.0f/s)%n", workload.describe(), workload.writes() / (double) lagSeconds);
            }
            long drainStart = System.nanoTime();
            long cutoverPoint = engine.progress(spec, handle).streamPositions().orElseThrow().sourcePosition();
            while (engine.progress(spec, handle).streamPositions().orElseThrow().appliedPosition() < cutoverPoint) {
                Thread.sleep(100);
            }
            double drain = (System.nanoTime() - drainStart) / 1e9;
            Collections.sort(lagBytes);
            Collections.sort(lagSecondsSeen);
            System.out.printf("apply lag at %d writes/s over %d s: bytes p50 %,d  p95 %,d  max %,d; lag time (flush) p50 %.3f s  p95 %.3f s  max %.3f s%n",
                    writesPerSecond, lagSeconds, percentile(lagBytes, 50), percentile(lagBytes, 95), lagBytes.get(lagBytes.size() - 1),
                    percentile(lagSecondsSeen, 50), percentile(lagSecondsSeen, 95), lagSecondsSeen.get(lagSecondsSeen.size() - 1));
            System.out.printf("drained to the cutover point %.1f s after writes stopped%n", drain);
            running.stop();
        }
    }

    /** A native replication started for one target database, with what stopping it needs. */
    private record Running(ReplicationEngine engine, MigrationSpec spec, ReplicationHandle handle, long started) {

        /** Seconds from the start until every table is ready, checked as the workflow's CheckReplication does. */
        double waitForCopy() throws InterruptedException {
            while (engine.check(spec, handle).phase() == ReplicationProgress.Phase.FULL_LOAD) {
                Thread.sleep(100);
            }
            return (System.nanoTime() - started) / 1e9;
        }

        void stop() throws InterruptedException {
            while (!engine.stop(spec, handle).stopped()) {
                Thread.sleep(100);
            }
        }
    }

    private static Running startNative(LocalAws aws, LocalPostgres source, LocalPostgres target, String database, String migrationId,
                                       String sourceSecret, String targetSecret) throws InterruptedException {
        return startNative(aws, spec(source, target, database, migrationId, sourceSecret, targetSecret));
    }

    private static Running startNative(LocalAws aws, MigrationSpec spec) throws InterruptedException {
        ReplicationEngine engine = RunbookServices.from(aws.functionEnvironment()).engineFor(spec);
        // PostgreSQL's logical replication launcher starts apply workers at most once per wal_retrieve_retry_interval
        // (5 s): a subscription created within 5 s of the previous one waits for that, which a migration's single
        // subscription never does. Waiting it out here (not timed) keeps the runs back to back from paying it.
        Thread.sleep(LAUNCHER_INTERVAL.toMillis());
        long start = System.nanoTime();
        ReplicationHandle handle = engine.startReplication(spec, new EndpointTests("", "", EndpointTests.Status.SUCCESSFUL, null, 0));
        return new Running(engine, spec, handle, start);
    }

    private static Running startNative(LocalAws aws, LocalPostgres source, LocalPostgres target, String database, String migrationId,
                                       String sourceSecret, String targetSecret, boolean createSchema) throws Exception {
        if (createSchema) {
            target.createDatabase(database);
            schema(target, database);
        }
        return startNative(aws, source, target, database, migrationId, sourceSecret, targetSecret);
    }

    /** Pre-data, the subscription's initial copy, post-data: seconds of each. */
    private static double[] wholeMigration(LocalAws aws, LocalPostgres source, LocalPostgres target, String database, String migrationId,
                                           String sourceSecret, String targetSecret, long rows) throws Exception {
        target.createDatabase(database);
        // As the workflow runs it when the runbook creates the target's schema: the copy goes into tables without their
        // primary keys, each key built by the check that finds its table copied (PostgresPrimaryKeysAfterCopy).
        MigrationSpec spec = spec(source, target, database, migrationId, sourceSecret, targetSecret, "apply");
        boolean keysAfterData = PostgresPrimaryKeysAfterCopy.applies(spec);
        long start = System.nanoTime();
        SchemaPlan plan;
        try (Connection sourceConnection = source.connect(DB); Connection targetConnection = target.connect(database)) {
            plan = PostgresTargetSchema.plan(sourceConnection, PostgresTargetSchema.selection(spec, sourceConnection), keysAfterData);
            PostgresTargetSchema.apply(targetConnection, plan, SchemaSection.PRE_DATA);
        }
        double preData = (System.nanoTime() - start) / 1e9;
        Running running;
        double copy;
        try (SyncTimeline timeline = new SyncTimeline(target, database)) {
            running = startNative(aws, spec);
            double started = (System.nanoTime() - running.started()) / 1e9;
            copy = running.waitForCopy();
            System.out.printf("  native %s: startReplication returned after %.2f s; sync states first seen at (s): %s%n", database, started,
                    timeline.describe(running.started()));
        }
        require(count(target, database) == rows, "the subscription copied a different number of rows");
        long postStart = System.nanoTime();
        StringBuilder statements = new StringBuilder();
        try (Connection sourceConnection = source.connect(DB); Connection targetConnection = target.connect(database)) {
            // As the workflow's post-data step does: the plan read again from the source, then each statement in its own
            // transaction, runs of index builds and of validations on PostgresTargetSections.POST_DATA_JOBS connections.
            plan = PostgresTargetSchema.plan(sourceConnection, PostgresTargetSchema.selection(spec, sourceConnection), keysAfterData);
            statements.append(String.format("plan %.2f", (System.nanoTime() - postStart) / 1e9));
            Instant deadline = Instant.now().plus(Duration.ofHours(1));
            long applyStart = System.nanoTime();
            SchemaSlice slice = PostgresSchemaApplier.applyEach(targetConnection, () -> target.connect(database),
                    PostgresTargetSections.POST_DATA_JOBS, plan.postData(), 0, deadline);
            require(slice.finished(), "the post-data part did not finish");
            statements.append(String.format("; %d statements on up to %d connections %.2f: %s", slice.executed().size(),
                    PostgresTargetSections.POST_DATA_JOBS, (System.nanoTime() - applyStart) / 1e9, String.join(", ", slice.executed())));
        }
        double postData = (System.nanoTime() - postStart) / 1e9;
        System.out.printf("  native %s post-data (s): %s%n", database, statements);
        running.stop();
        return new double[] {preData, copy, postData};
    }

    /**
     * A diagnostic: the subscription's initial copy into the pre-data tables with their primary keys in place, kept up
     * to date row by row during the copy (the native path before its keys were built after the copy).
     */
    private static double copyIntoKeyedTables(LocalAws aws, LocalPostgres source, LocalPostgres target, String database, String migrationId,
                                              String sourceSecret, String targetSecret, long rows) throws Exception {
        target.createDatabase(database);
        MigrationSpec spec = spec(source, target, database, migrationId, sourceSecret, targetSecret);
        try (Connection sourceConnection = source.connect(DB); Connection targetConnection = target.connect(database)) {
            SchemaPlan plan = PostgresTargetSchema.plan(sourceConnection, PostgresTargetSchema.selection(spec, sourceConnection), false);
            PostgresTargetSchema.apply(targetConnection, plan, SchemaSection.PRE_DATA);
        }
        Running running;
        double copy;
        try (SyncTimeline timeline = new SyncTimeline(target, database)) {
            running = startNative(aws, spec);
            copy = running.waitForCopy();
            System.out.printf("  native %s (primary keys kept during the copy): sync states first seen at (s): %s%n", database,
                    timeline.describe(running.started()));
        }
        require(count(target, database) == rows, "the subscription copied a different number of rows");
        running.stop();
        return copy;
    }

    private static String runs(List<Double> seconds) {
        return String.join(" ", seconds.stream().map(value -> String.format("%.2f", value)).toList());
    }

    private static double peerCopy(LocalPostgres source, LocalPostgres target, String database, long rows) throws Exception {
        target.createDatabase(database);
        schema(target, database);
        long start = System.nanoTime();
        pipe(source, target, database);
        double seconds = (System.nanoTime() - start) / 1e9;
        require(count(target, database) == rows, "pg_dump | psql copied a different number of rows");
        return seconds;
    }

    private static double pgCopyDbCopy(LocalPostgres source, LocalPostgres target, String database, long rows) throws Exception {
        target.createDatabase(database);
        schema(target, database);
        PgCopyDb.Run run = PgCopyDb.run(source, DB, target, database, List.of("copy", "table-data"), List.of("--table-jobs", "2"));
        require(count(target, database) == rows, "pgcopydb copy table-data copied a different number of rows:\n" + run.output());
        return run.seconds();
    }

    private static double pgCopyDbClone(LocalPostgres source, LocalPostgres target, String database, long rows) throws Exception {
        target.createDatabase(database);
        PgCopyDb.Run run = PgCopyDb.run(source, DB, target, database, List.of("clone"),
                List.of("--table-jobs", "2", "--index-jobs", "2", "--no-owner", "--no-acl"));
        require(count(target, database) == rows, "pgcopydb clone copied a different number of rows:\n" + run.output());
        // Its own summary: each table's COPY and index build, and its steps (kept to say where each side's time goes).
        List<String> lines = run.output().lines().toList();
        int summary = 0;
        while (summary < lines.size() && !lines.get(summary).contains("copy duration")) {
            summary++;
        }
        System.out.printf("  pgcopydb %s, its own summary:%n", database);
        lines.subList(summary, lines.size()).stream().filter(line -> !line.isBlank() && !line.contains("-----"))
                .forEach(line -> System.out.println("    " + line.strip()));
        return run.seconds();
    }

    private static MigrationSpec spec(LocalPostgres source, LocalPostgres target, String database, String migrationId,
                                      String sourceSecret, String targetSecret) {
        return spec(source, target, database, migrationId, sourceSecret, targetSecret, "verify");
    }

    /** {@code schemaMode} apply: the runbook creates the target's schema, and the copy goes into tables without their primary keys. */
    private static MigrationSpec spec(LocalPostgres source, LocalPostgres target, String database, String migrationId,
                                      String sourceSecret, String targetSecret, String schemaMode) {
        return SpecReader.read("""
                {"migrationId": "%s", "engine": "postgres-native", "migrationType": "full-load-and-cdc", "schema": {"mode": "%s"},
                 "source": {"engine": "postgres", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                 "target": {"engine": "postgres", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                 "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                   "object-locator": {"schema-name": "public", "table-name": "%%"}, "rule-action": "include"}]}}
                """.formatted(migrationId, schemaMode, source.host(), source.port(), DB, sourceSecret, target.host(), target.port(), database,
                targetSecret));
    }

    /** The complete schema (indexes, keys, triggers): the copy-alone runs write into it. */
    private static void schema(LocalPostgres target, String database) throws Exception {
        try (Connection connection = target.connect(database)) {
            CashFlowSchema.create(connection);
        }
    }

    private static void pipe(LocalPostgres source, LocalPostgres target, String database) throws Exception {
        String bin = source.binDir().toString();
        String command = bin + "/pg_dump -h " + source.host() + " -p " + source.port() + " -U postgres --data-only -d " + DB
                + " | " + bin + "/psql -q -v ON_ERROR_STOP=1 -h " + target.host() + " -p " + target.port() + " -U postgres -d " + database;
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", LocalPostgres.PASSWORD);
        // As the subscription's sync workers write: no foreign key checks, no ordinary triggers.
        builder.environment().put("PGOPTIONS", "-c session_replication_role=replica");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        require(process.waitFor() == 0, "pg_dump | psql failed: " + output);
    }

    private static void line(String method, List<Double> seconds, long rows, double megabytes) {
        double best = best(seconds);
        System.out.printf("  %-46s %6.2f s  %,10.0f rows/s  %6.1f MB/s   runs: %s%n", method, best, rows / best, megabytes / best,
                String.join(" ", seconds.stream().map(value -> String.format("%.2f", value)).toList()));
    }

    private static double best(List<Double> seconds) {
        return Collections.min(seconds);
    }

    private static double median(List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String setting(LocalPostgres cluster, String name) throws Exception {
        try (Connection connection = cluster.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            row.next();
            return row.getString(1);
        }
    }

    private static String uptime() throws Exception {
        Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor();
        return output;
    }

    private static long count(LocalPostgres cluster, String database) throws Exception {
        long total = 0;
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement()) {
            for (String table : CashFlowSchema.TABLES) {
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    row.next();
                    total += row.getLong(1);
                }
            }
        }
        return total;
    }

    private static long sizeBytes(LocalPostgres cluster) throws Exception {
        try (Connection connection = cluster.connect(DB); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static <T extends Comparable<T>> T percentile(List<T> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
