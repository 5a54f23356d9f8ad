package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.testing.ProjectFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook rehearse --spec events/specs/mysql-to-postgres.json --source-dump shop.sql}: a MariaDB shop dumped by
 * the test with mariadb-dump, rehearsed with the example spec (its thresholds shortened so a test can wait for them):
 * the workflow converts the schema into an empty local PostgreSQL, the local DMS stand-in loads it (moto's DMS moves
 * no data; the stand-in reads no binlog, so change data capture is NOT rehearsed), the row-level diff across the two
 * engines finds every table equal, and the cutover is approved. What cannot work with a MySQL source is refused
 * before anything starts.
 */
class RehearseMySqlDumpIT {

    private static final String SHOP = """
            CREATE TABLE customers (
                id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
                email varchar(120) NOT NULL UNIQUE,
                active tinyint(1) NOT NULL DEFAULT 1,
                updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE TABLE orders (
                id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
                customer_id int unsigned NOT NULL,
                status enum('new','paid','shipped') NOT NULL DEFAULT 'new',
                total decimal(12,2) NOT NULL,
                legacy_flags tinyint unsigned NOT NULL DEFAULT 0,
                details json NULL,
                KEY idx_orders_customer (customer_id),
                CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE TABLE OrderLines (
                order_id bigint NOT NULL, line_no smallint NOT NULL, qty int NOT NULL,
                PRIMARY KEY (order_id, line_no),
                CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            INSERT INTO customers (email, active) SELECT concat('c', seq, '@shop.example'), seq % 3 <> 0 FROM seq_1_to_50;
            INSERT INTO orders (customer_id, status, total, legacy_flags, details)
                SELECT 1 + seq % 50, elt(1 + seq % 3, 'new', 'paid', 'shipped'), seq * 1.25, seq % 256,
                       IF(seq % 4 = 0, NULL, json_object('note', concat('n', seq)))
                FROM seq_1_to_400;
            INSERT INTO OrderLines SELECT o.seq, l.seq, l.seq FROM seq_1_to_400 o JOIN seq_1_to_2 l;
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void dumpTheShop() throws IOException {
        try (LocalMariaDb origin = LocalMariaDb.start("shop-origin", Map.of())) {
            origin.createDatabase("shop");
            origin.execute("shop", SHOP);
            origin.dump("shop", dir.resolve("shop.sql"));
        }
        ObjectNode spec = (ObjectNode) ProjectFiles.json("events/specs/mysql-to-postgres.json");
        spec.putObject("thresholds").put("cdcLatencySeconds", 5).put("stableForSeconds", 2).put("pollIntervalSeconds", 1)
                .put("maxWaitSeconds", 600);
        Files.writeString(dir.resolve("spec.json"), Json.write(spec));
    }

    @Test
    void rehearse_theExampleSpecFromAMysqldump_convertsLoadsValidatesAndCutsOver() {
        Result result = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", dir.resolve("shop.sql").toString(),
                "--timeout-minutes", "10");

        assertThat(result.exit()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("from mysqldump file shop.sql", "the spec's source engine mysql is rehearsed as mariadb",
                "change data capture is not rehearsed", "phase: PrepareTargetSchema", "phase: FinishTargetSchema", "cutover approved",
                "Rehearsal summary (shop-mysql-to-postgres, dms, its full load by the local stand-in)",
                "data validated at cutover:    3 of 3 tables equal", "REHEARSAL PASSED");
        // the example's mappings: the database shop into public, table names lower-cased, every row there
        assertThat(result.out()).containsPattern("shop\\.customers -> public\\.customers\\s+50\\s+50\\s+match")
                .containsPattern("shop\\.orders -> public\\.orders\\s+400\\s+400\\s+match")
                .containsPattern("shop\\.OrderLines -> public\\.orderlines\\s+800\\s+800\\s+match");
        assertThat(result.out()).doesNotContain(LocalMariaDb.PASSWORD);
    }

    @Test
    void rehearse_aMySqlSourceWithWritesAPgDumpOrAnotherSchemaMode_isRefusedBeforeAnythingStarts() throws IOException {
        Path pgSql = Files.writeString(dir.resolve("pg.sql"), "CREATE TABLE t (id int);\n");
        Result writes = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", dir.resolve("shop.sql").toString(),
                "--writes-per-second", "20");
        Result notAMysqldump = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", pgSql.toString());
        Result verify = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", dir.resolve("shop.sql").toString(),
                "--schema-mode", "verify");
        Result url = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-url", "jdbc:mariadb://127.0.0.1:3306/shop");

        assertThat(writes.exit()).isEqualTo(2);
        assertThat(writes.err()).contains("--writes-per-second 20", "reads no binlog", "--writes-per-second 0");
        assertThat(notAMysqldump.exit()).isEqualTo(2);
        assertThat(notAMysqldump.err()).contains("is a plain SQL script, but the spec's source is mysql", "mysqldump --single-transaction");
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains("--schema-mode verify", "schema.mode apply");
        assertThat(url.exit()).isEqualTo(2);
        assertThat(url.err()).contains("--source-url copies a PostgreSQL source only", "--source-dump source.sql");
        assertThat(writes.out() + notAMysqldump.out() + verify.out() + url.out()).doesNotContain("source MariaDB on port");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result rehearse(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "rehearse";
        System.arraycopy(options, 0, args, 1, options.length);
        StringWriter err = new StringWriter();
        int exit;
        String out;
        try (ConsoleCapture console = ConsoleCapture.start()) {
            exit = RunbookCommand.run(new PrintWriter(System.out, true), new PrintWriter(err, true), args);
            out = console.text();
        }
        return new Result(exit, out, err.toString());
    }
}
