package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.local.LocalPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook preflight spec.json} from the operator's machine: the workflow's preflight checks run directly against
 * the spec's real PostgreSQL databases, with credentials from the spec's secrets (in moto's Secrets Manager, reached
 * with {@code --endpoint-url}). A source ready for logical replication passes (exit 0); one that is not fails with the
 * fix (exit 3); a spec that does not validate exits 2.
 */
class PreflightCommandIT {

    private static LocalAws aws;
    private static LocalPostgres logical;
    private static LocalPostgres plain;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        aws = LocalAws.start();
        logical = LocalPostgres.startLogicalSource("preflight-logical");
        plain = LocalPostgres.start("preflight-plain", Map.of());
        for (LocalPostgres cluster : new LocalPostgres[] {logical, plain}) {
            cluster.createDatabase("shop");
            cluster.createDatabase("shop_copy");
            cluster.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2)); "
                    + "INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g");
        }
    }

    @AfterAll
    static void stop() {
        plain.close();
        logical.close();
        aws.close();
    }

    @Test
    void preflight_aSourceReadyForLogicalReplication_passesEveryCheck_andExitsZero() throws Exception {
        Path spec = spec("preflight-ready", logical, plain);

        StringWriter out = new StringWriter();
        int exit = runbook(out, "preflight", spec.toString(), "--endpoint-url", aws.endpoint().toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Preflight of preflight-ready (postgres-native) from postgres shop@127.0.0.1:" + logical.port(),
                "0 failed", "PASS source wal_level", "PASS source secret", "PREFLIGHT PASSED").doesNotContain(LocalPostgres.PASSWORD);
    }

    @Test
    void preflight_aSourceWithoutLogicalWal_failsWithTheFix_andExitsThree() throws Exception {
        Path spec = spec("preflight-not-ready", plain, logical);

        StringWriter out = new StringWriter();
        int exit = runbook(out, "preflight", spec.toString(), "--endpoint-url", aws.endpoint().toString());

        assertThat(exit).as(out.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("FAIL source wal_level", "wal_level", "PREFLIGHT FAILED");
    }

    @Test
    void preflight_aSpecThatDoesNotValidate_exitsTwoWithEveryProblem() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.json"), "{\"migrationId\": \"x\"}");

        StringWriter out = new StringWriter();
        int exit = runbook(out, "preflight", spec.toString(), "--endpoint-url", aws.endpoint().toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("The spec has", "migrationId");
    }

    private static int runbook(StringWriter out, String... args) {
        PrintWriter writer = new PrintWriter(out, true);
        return RunbookCommand.run(writer, writer, args);
    }

    private static Path spec(String migrationId, LocalPostgres source, LocalPostgres target) throws Exception {
        String sourceSecret = LocalSecrets.put(aws, "dms-runbook/" + migrationId + "-source", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                source.host(), source.port());
        String targetSecret = LocalSecrets.put(aws, "dms-runbook/" + migrationId + "-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                target.host(), target.port());
        return Files.writeString(dir.resolve(migrationId + ".json"), """
                {
                  "migrationId": "%s",
                  "engine": "postgres-native",
                  "migrationType": "full-load-and-cdc",
                  "source": {"engine": "postgres", "host": "127.0.0.1", "port": %d, "database": "shop", "sslMode": "none", "secretArn": "%s"},
                  "target": {"engine": "aurora-postgresql", "host": "127.0.0.1", "port": %d, "database": "shop_copy", "sslMode": "none",
                             "secretArn": "%s"},
                  "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
                                               "object-locator": {"schema-name": "public", "table-name": "%%"}}]},
                  "schema": {"mode": "apply"}
                }
                """.formatted(migrationId, source.port(), sourceSecret, target.port(), targetSecret));
    }
}
