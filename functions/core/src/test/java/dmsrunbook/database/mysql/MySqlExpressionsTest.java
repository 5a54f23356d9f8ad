package dmsrunbook.database.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Check clauses and expression defaults: translated when they mean the same on PostgreSQL, refused otherwise. */
class MySqlExpressionsTest {

    /** Source columns and their target names; {@code flag} is a tinyint(1) turned boolean, so it may not be named. */
    private static final Function<String, String> COLUMNS = name -> Map.of("qty", "qty", "Price", "price", "status", "status",
            "note", "note").get(name);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "`qty` > 0 and `qty` < 1000                 | \"qty\" > 0 AND \"qty\" < 1000",
            "`Price` >= 0.5                             | \"price\" >= 0.5",
            "`qty` <> 5                                 | \"qty\" <> 5",
            "`qty` != 5                                 | \"qty\" <> 5",
            "`status` in ('new','it''s')                | \"status\" IN ('new', 'it''s')",
            "(`status` in (_utf8mb4'a',_utf8mb4'b'))    | (\"status\" IN ('a', 'b'))",
            "qty between 1 and 10                       | \"qty\" BETWEEN 1 AND 10",
            "`note` is not null or `qty` is null        | \"note\" IS NOT NULL OR \"qty\" IS NULL",
            "char_length(`note`) <= 20                  | char_length(\"note\") <= 20",
            "octet_length(`note`) <= 20                 | ",
            "length(`note`) <= 20                       | octet_length(\"note\") <= 20",
            "ifnull(`qty`, 0) * 2 = 4                   | coalesce(\"qty\", 0) * 2 = 4",
            "`note` like 'a%'                           | \"note\" LIKE 'a%'",
            "case when `qty` > 1 then 1 else 0 end = 1  | CASE WHEN \"qty\" > 1 THEN 1 ELSE 0 END = 1"})
    void sameMeaningExpressions_areTranslated(String mysql, String postgres) {
        assertThat(MySqlExpressions.translate(mysql, COLUMNS).orElse(null)).isEqualTo(postgres);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"`flag` = 1", "`qty` > 0 || `qty` < -5", "`qty` > 0 && `qty` < 5", "`qty` <=> NULL", "regexp_like(`note`, 'a+')",
            "`qty` & 4 = 4", "`note` = x'41'", "json_valid(`note`)", "`missing` > 0"})
    void whatCouldChangeMeaning_isNotTranslated(String mysql) {
        assertThat(MySqlExpressions.translate(mysql, COLUMNS)).isEmpty();
    }

    @Test
    void stringEscapes_keepTheirValue() {
        assertThat(MySqlExpressions.translate("`note` <> 'a\\'b\\\\c'", COLUMNS)).contains("\"note\" <> 'a''b\\c'");
    }
}
