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
import dmsrunbook.rehearsal.SchemaCopy;
import dmsrunbook.rehearsal.WriteWorkload;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.RunbookServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The native engine's initial copy beside its peer, {@code pg_dump --data-only | psql} of the same tables into the
 * same schema, in the same run on the same two clusters; then the apply lag while an application writes at a steady
 * rate, and how long the last changes take to drain once it stops. Prints its figures; run with {@code bench/run native}.
 */
public final class NativeCopyBenchmark {

    private static final String DB = "fluxocaixa";

    public static void main(String[] args) throws Exception {
        long transactions = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int writesPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int lagSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
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

            // The peer: pg_dump of the data piped into psql, into the same schema. Once before the native copy and
            // once after, so neither side gets the warmer caches; the peer's better run is the one compared.
            double peerSeconds = peerCopy(source, target, "peer_before", rows);

            // The native engine: publication, slot, subscription; copy done when every table is ready.
            target.createDatabase(DB);
            schema(source, target, DB);
            MigrationSpec spec = spec(aws, source, target);
            ReplicationEngine engine = RunbookServices.from(aws.functionEnvironment()).engineFor(spec);
            long nativeStart = System.nanoTime();
            ReplicationHandle handle = engine.startReplication(spec, new EndpointTests("", "", EndpointTests.Status.SUCCESSFUL, null, 0));
            while (engine.progress(spec, handle).phase() == ReplicationProgress.Phase.FULL_LOAD) {
                Thread.sleep(100);
            }
            double nativeSeconds = (System.nanoTime() - nativeStart) / 1e9;
            require(count(target, DB) == rows, "the subscription copied a different number of rows");
            peerSeconds = Math.min(peerSeconds, peerCopy(source, target, "peer_after", rows));

            System.out.printf("initial copy, native subscription: %6.1f s  %,10.0f rows/s  %6.1f MB/s%n", nativeSeconds, rows / nativeSeconds, megabytes / nativeSeconds);
            System.out.printf("initial copy, pg_dump | psql:      %6.1f s  %,10.0f rows/s  %6.1f MB/s%n", peerSeconds, rows / peerSeconds, megabytes / peerSeconds);
            System.out.printf("ratio (native throughput / pg_dump | psql, its better of two runs): %.2fx%n", peerSeconds / nativeSeconds);

            // Lag under a steady write rate, then the drain once writes stop.
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
            engine.stop(spec, handle);
        }
    }

    private static double peerCopy(LocalPostgres source, LocalPostgres target, String database, long rows) throws Exception {
        target.createDatabase(database);
        schema(source, target, database);
        long start = System.nanoTime();
        pipe(source, target, database);
        double seconds = (System.nanoTime() - start) / 1e9;
        require(count(target, database) == rows, "pg_dump | psql copied a different number of rows");
        return seconds;
    }

    private static MigrationSpec spec(LocalAws aws, LocalPostgres source, LocalPostgres target) {
        String sourceSecret = LocalSecrets.put(aws, "dms-runbook/bench-source", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD, source.host(), source.port());
        String targetSecret = LocalSecrets.put(aws, "dms-runbook/bench-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD, target.host(), target.port());
        return SpecReader.read("""
                {"migrationId": "bench-native", "engine": "postgres-native", "migrationType": "full-load-and-cdc",
                 "source": {"engine": "postgres", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                 "target": {"engine": "postgres", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                 "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                   "object-locator": {"schema-name": "public", "table-name": "%%"}, "rule-action": "include"}]}}
                """.formatted(source.host(), source.port(), DB, sourceSecret, target.host(), target.port(), DB, targetSecret));
    }

    private static void schema(LocalPostgres source, LocalPostgres target, String database) throws Exception {
        if (!database.equals(DB)) {
            // SchemaCopy dumps and restores the same database name; the peer gets the same DDL.
            try (Connection connection = target.connect(database)) {
                CashFlowSchema.create(connection);
            }
            return;
        }
        SchemaCopy.apply(source, target, database);
    }

    private static void pipe(LocalPostgres source, LocalPostgres target, String database) throws Exception {
        String bin = source.binDir().toString();
        String command = bin + "/pg_dump -h " + source.host() + " -p " + source.port() + " -U postgres --data-only -d " + DB
                + " | " + bin + "/psql -q -v ON_ERROR_STOP=1 -h " + target.host() + " -p " + target.port() + " -U postgres -d " + database;
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", LocalPostgres.PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        require(process.waitFor() == 0, "pg_dump | psql failed: " + output);
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
