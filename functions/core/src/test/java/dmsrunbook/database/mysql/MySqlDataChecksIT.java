package dmsrunbook.database.mysql;

import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.preflight.LobPolicy;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The preflight's type-aware data checks on a real MariaDB table planted with what PostgreSQL refuses or changes:
 * zero and invalid dates, times past a day, a tinyint(1) holding 2, a NUL byte, a surrogate code point, trailing
 * spaces, a short CHAR value, MySQL's '' enum error value, and an unsigned value only a narrowing override cannot hold.
 */
class MySqlDataChecksIT {

    private static final String SOURCE = "source";
    private static String database;

    @BeforeAll
    static void plantTheValues() {
        database = SharedMariaDb.freshDatabase("data_checks");
        // Not strict, and invalid dates allowed: how old MySQL applications wrote these values.
        SharedMariaDb.server().execute(database, """
                SET SESSION sql_mode = 'ALLOW_INVALID_DATES';
                CREATE TABLE planted (
                    id int PRIMARY KEY, d date, dt datetime, ts timestamp NULL DEFAULT NULL, tm time, flag tinyint(1), biu bigint unsigned,
                    vc varchar(20), c char(5), tx text, js json, st enum('a', 'b'), lat varchar(10) CHARACTER SET latin1, bin varbinary(10)
                ) DEFAULT CHARSET = utf8mb4;
                INSERT INTO planted VALUES
                    (1, '2024-01-01', '2024-01-01 10:00:00', '2024-01-01 10:00:00', '10:00:00', 1, 1, 'clean', 'abcde', 'clean', '{}', 'a', 'x', X'00'),
                    (2, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '-01:00:00', 2, 9223372036854775808, 'trail ', 'ab',
                     CONCAT('a', CHAR(0), 'b'), '{"a": "\\\\u0000"}', 'zzz', 'y', X'00'),
                    (3, '2021-02-30', '2024-00-10 00:00:00', NULL, '30:00:00', 0, NULL, X'EDA080', 'abcde', 'ok', '[]', 'b', 'z', NULL);
                CREATE TABLE clean (id int PRIMARY KEY, d date, vc varchar(10), c char(1), n bigint unsigned);
                INSERT INTO clean VALUES (1, '2024-01-01', 'a', 'x', 18446744073709551615);""");
    }

    @Test
    void plantedValues_areCountedPerColumn_eachKindWithItsFix() throws Exception {
        List<CheckResult> results = check(spec(), new MySqlDataChecks());

        assertThat(the(results, SOURCE, "zero dates").detail())
                .isEqualTo(database + ".planted.d: 2 rows, " + database + ".planted.dt: 2 rows, " + database + ".planted.ts: 1 row");
        assertThat(the(results, SOURCE, "zero dates").remediation()).contains("set them to NULL");
        assertThat(the(results, SOURCE, "time range").detail()).isEqualTo(database + ".planted.tm: 2 rows");
        assertThat(the(results, SOURCE, "boolean values").detail()).isEqualTo(database + ".planted.flag: 1 row");
        assertThat(the(results, SOURCE, "invalid UTF-8").detail()).isEqualTo(database + ".planted.vc: 1 row");
        assertThat(the(results, SOURCE, "NUL characters").detail()).isEqualTo(database + ".planted.tx: 1 row, " + database + ".planted.js: 1 row");
        assertThat(the(results, SOURCE, "trailing spaces").detail()).isEqualTo(database + ".planted.vc: 1 row");
        assertThat(the(results, SOURCE, "char padding").detail()).isEqualTo(database + ".planted.c: 1 row");
        assertThat(the(results, SOURCE, "enum empty values").detail()).isEqualTo(database + ".planted.st: 1 row");
        assertThat(results).filteredOn(r -> r.status() == CheckStatus.WARN).extracting(CheckResult::check).containsExactly("zero dates",
                "time range", "boolean values", "invalid UTF-8", "NUL characters", "trailing spaces", "char padding", "enum empty values");
        // The widening casts hold every unsigned value (bigint unsigned 2^63 included): nothing to count, and the result says why.
        assertThat(the(results, SOURCE, "integer range").line()).startsWith("PASS source integer range: every integer column's target type "
                + "holds all its values (unsigned types are widened");
        assertThat(the(results, SOURCE, "text length").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void overridesThatNarrowAType_areCheckedAgainstTheValues() throws Exception {
        ObjectNode spec = spec();
        spec.putObject("conversion").putArray("typeOverrides")
                .add(override("planted", "biu", "bigint")).add(override("planted", "vc", "varchar(5)")).add(override("planted", "flag", "smallint"));

        List<CheckResult> results = check(spec, new MySqlDataChecks());

        assertThat(the(results, SOURCE, "integer range").line()).isEqualTo("WARN source integer range: " + database + ".planted.biu: 1 row -> "
                + "values outside the target type fail the load: widen the type in conversion.typeOverrides");
        assertThat(the(results, SOURCE, "text length").detail()).isEqualTo(database + ".planted.vc: 1 row");
        assertThat(the(results, SOURCE, "boolean values").status()).as("flag is a smallint now").isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aRowLimit_checksOnlyTheFirstRows_andSaysSo() throws Exception {
        List<CheckResult> results = check(spec(), new MySqlDataChecks(30, 1));

        assertThat(results).allMatch(r -> r.status() == CheckStatus.PASS);
        assertThat(the(results, SOURCE, "zero dates").detail()).isEqualTo("none in 4 columns in the first 1 rows of each table");
    }

    private static ObjectNode override(String table, String column, String type) {
        return Json.MAPPER.createObjectNode()
                .put("table", database + "." + table).put("column", column).put("type", type);
    }

    private static ObjectNode spec() {
        LocalMariaDb server = SharedMariaDb.server();
        LocalSpecs.Side source = new LocalSpecs.Side("mariadb", server.host(), server.port(), database, LocalSpecs.unreadSecret("checks-mysql"));
        LocalSpecs.Side target = new LocalSpecs.Side("postgres", "127.0.0.1", 5432, "shop", LocalSpecs.unreadSecret("checks-postgres"));
        return LocalSpecs.dms("data-checks", source, target, database);
    }

    private static List<CheckResult> check(ObjectNode specJson, MySqlDataChecks checks) throws SQLException {
        MigrationSpec spec = LocalSpecs.read(specJson);
        try (Connection source = SharedMariaDb.server().connect(database)) {
            PreflightContext context = new PreflightContext(spec, spec.mappings().select(new MySqlDialect().listTables(source)),
                    LobPolicy.fromTaskSettings(spec.dms().taskSettings()), LocalMariaDb.ROOT, false);
            return checks.run(source, context);
        }
    }
}
