package dmsrunbook.database.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.spec.ConversionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Column defaults as both spellings of information_schema give them: MariaDB 10.2.7+ quotes literals and writes
 * expressions bare; MySQL writes literals bare and marks expressions DEFAULT_GENERATED.
 */
class MySqlDefaultsTest {

    @ParameterizedTest(name = "MariaDB {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "varchar | varchar(20)      | 'it''s'               | 'it''s'",
            "varchar | varchar(20)      | 'back\\slash'         | 'backslash'",
            "int     | int(11)          | 42                    | 42",
            "int     | int(11)          | -7                    | -7",
            "decimal | decimal(10,2)    | 1.50                  | 1.50",
            "tinyint | tinyint(1)       | 1                     | true",
            "tinyint | tinyint(1)       | 0                     | false",
            "bit     | bit(1)           | b'1'                  | true",
            "timestamp | timestamp      | current_timestamp()   | now()",
            "datetime | datetime(6)     | current_timestamp(6)  | now()",
            "date    | date             | curdate()             | CURRENT_DATE",
            "varchar | varchar(10)      | concat('a','b')       | (concat('a', 'b'))",
            "enum    | enum('a','b')    | 'b'                   | 'b'",
            "binary  | binary(2)        | 'ab'                  | '\\x6162'",
            "json    | json             | '{}'                  | '{}'"})
    void mariaDbDefaults_readQuoted(String dataType, String columnType, String raw, String expected) {
        assertThat(convert(dataType, columnType, raw, true).sql()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "MySQL {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "varchar | varchar(20) | hello             |                   | 'hello'",
            "varchar | varchar(20) | it's              |                   | 'it''s'",
            "int     | int         | 42                |                   | 42",
            "timestamp | timestamp | CURRENT_TIMESTAMP | DEFAULT_GENERATED | now()",
            "timestamp | timestamp | CURRENT_TIMESTAMP |                   | now()",
            "varchar | varchar(10) | (lower(_utf8mb4'AB')) | DEFAULT_GENERATED | (lower('AB'))",
            "bit     | bit(1)      | b'0'              |                   | false"})
    void mySqlDefaults_readBare(String dataType, String columnType, String raw, String extra, String expected) {
        Column column = new Column("c", dataType, columnType, true, raw, extra, 20L, null, null, null, null, null, null, null);
        MySqlColumnCast cast = MySqlTypeCasts.cast(MySqlTypeCastsTest.table(column), column, ConversionSpec.defaults());

        assertThat(MySqlDefaults.convert(column, cast, false, c -> c).sql()).isEqualTo(expected);
    }

    @Test
    void bitDefault_isPaddedToTheColumnsBits() {
        Column column = new Column("c", "bit", "bit(5)", true, "b'101'", null, null, 5, null, null, null, null, null, null);
        MySqlColumnCast cast = MySqlTypeCasts.cast(MySqlTypeCastsTest.table(column), column, ConversionSpec.defaults());

        assertThat(MySqlDefaults.convert(column, cast, true, c -> c).sql()).isEqualTo("B'00101'");
    }

    @Test
    void nullAndNoDefault_giveNoDefault() {
        assertThat(convert("int", "int(11)", "NULL", true).sql()).isNull();
        assertThat(convert("int", "int(11)", null, true).sql()).isNull();
    }

    @Test
    void zeroDateDefault_isDropped_withNotNullOnANotNullColumn() {
        Column column = new Column("c", "datetime", "datetime", false, "'0000-00-00 00:00:00'", null, null, null, null, 0, null, null, null, null);
        MySqlColumnCast cast = MySqlTypeCasts.cast(MySqlTypeCastsTest.table(column), column, ConversionSpec.defaults());

        MySqlDefaults.Converted converted = MySqlDefaults.convert(column, cast, true, c -> c);

        assertThat(converted.sql()).isNull();
        assertThat(converted.dropNotNull()).isTrue();
        assertThat(converted.status()).isEqualTo(CheckStatus.WARN);
        assertThat(converted.note()).contains("PostgreSQL has no zero date", "NOT NULL dropped too");
        assertThat(convert("date", "date", "'2024-00-01'", true).sql()).as("a zero month is no date either").isNull();
        assertThat(convert("date", "date", "'2024-01-31'", true).sql()).isEqualTo("'2024-01-31'");
    }

    @Test
    void expressionWithoutTranslation_isDroppedWithAWarning() {
        MySqlDefaults.Converted converted = convert("varchar", "varchar(20)", "date_format(now(),'%Y')", true);

        assertThat(converted.sql()).isNull();
        assertThat(converted.status()).isEqualTo(CheckStatus.WARN);
        assertThat(converted.note()).contains("date_format(now(),'%Y')", "by hand");
    }

    @Test
    void uuidDefault_becomesARandomUuid_andSaysTheVersionDiffers() {
        MySqlDefaults.Converted converted = convert("char", "char(36)", "uuid()", true);

        assertThat(converted.sql()).isEqualTo("gen_random_uuid()::text");
        assertThat(converted.note()).contains("version 4", "version 1");
    }

    private static MySqlDefaults.Converted convert(String dataType, String columnType, String raw, boolean mariaDb) {
        int precision = dataType.equals("bit") ? Integer.parseInt(columnType.replaceAll("\\D", "")) : 10;
        Column column = new Column("c", dataType, columnType, true, raw, null, 20L, precision, 2, 6, null, null, null, null);
        MySqlColumnCast cast = MySqlTypeCasts.cast(MySqlTypeCastsTest.table(column), column, ConversionSpec.defaults());
        return MySqlDefaults.convert(column, cast, mariaDb, c -> c);
    }
}
