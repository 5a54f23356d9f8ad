package dmsrunbook.database.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.database.mysql.MySqlCatalog.Check;
import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.database.mysql.MySqlColumnCast.Kind;
import dmsrunbook.database.mysql.MySqlTypeCasts.CastRule;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.spec.ConversionSpec;
import dmsrunbook.spec.EnumConversion;
import dmsrunbook.spec.TypeOverride;
import dmsrunbook.testing.ProjectFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The cast table row by row, as information_schema describes each MySQL/MariaDB column. */
class MySqlTypeCastsTest {

    static Stream<Arguments> casts() {
        return Stream.of(
                cast(column("tinyint", "tinyint(1)"), "boolean", MySqlTypeCasts.TINYINT_ONE),
                cast(column("tinyint", "tinyint(1) unsigned"), "boolean", MySqlTypeCasts.TINYINT_ONE),
                cast(column("tinyint", "tinyint(4)"), "smallint", MySqlTypeCasts.TO_SMALLINT),
                cast(column("tinyint", "tinyint(3) unsigned"), "smallint", MySqlTypeCasts.TO_SMALLINT),
                cast(column("smallint", "smallint(6)"), "smallint", MySqlTypeCasts.TO_SMALLINT),
                cast(column("smallint", "smallint(5) unsigned"), "integer", MySqlTypeCasts.TO_INTEGER),
                cast(column("mediumint", "mediumint(9)"), "integer", MySqlTypeCasts.TO_INTEGER),
                cast(column("mediumint", "mediumint(8) unsigned"), "integer", MySqlTypeCasts.TO_INTEGER),
                cast(column("int", "int(11)"), "integer", MySqlTypeCasts.TO_INTEGER),
                cast(column("int", "int unsigned"), "bigint", MySqlTypeCasts.TO_BIGINT),
                cast(column("bigint", "bigint(20)"), "bigint", MySqlTypeCasts.TO_BIGINT),
                cast(column("bigint", "bigint(20) unsigned"), "numeric(20)", MySqlTypeCasts.BIGINT_UNSIGNED),
                cast(numeric("decimal", "decimal(12,2)", 12, 2), "numeric(12,2)", MySqlTypeCasts.DECIMAL),
                cast(column("float", "float"), "real", MySqlTypeCasts.FLOAT),
                cast(column("float", "float(7,3)"), "real", MySqlTypeCasts.FLOAT),
                cast(column("double", "double"), "double precision", MySqlTypeCasts.DOUBLE),
                cast(numeric("bit", "bit(1)", 1, null), "boolean", MySqlTypeCasts.BIT_ONE),
                cast(numeric("bit", "bit(12)", 12, null), "bit varying(12)", MySqlTypeCasts.BIT),
                cast(text("char", "char(3)", 3L), "char(3)", MySqlTypeCasts.CHARACTER),
                cast(text("varchar", "varchar(255)", 255L), "varchar(255)", MySqlTypeCasts.CHARACTER),
                cast(text("tinytext", "tinytext", 255L), "text", MySqlTypeCasts.TEXT),
                cast(text("mediumtext", "mediumtext", 16777215L), "text", MySqlTypeCasts.TEXT),
                cast(text("longtext", "longtext", 4294967295L), "text", MySqlTypeCasts.TEXT),
                cast(column("varbinary", "varbinary(16)"), "bytea", MySqlTypeCasts.BINARY),
                cast(column("longblob", "longblob"), "bytea", MySqlTypeCasts.BINARY),
                cast(column("json", "json"), "jsonb", MySqlTypeCasts.JSON),
                cast(column("date", "date"), "date", MySqlTypeCasts.DATE),
                cast(temporal("datetime", "datetime(6)", 6), "timestamp(6)", MySqlTypeCasts.DATETIME),
                cast(temporal("timestamp", "timestamp", 0), "timestamptz(0)", MySqlTypeCasts.TIMESTAMP),
                cast(temporal("time", "time(3)", 3), "time(3)", MySqlTypeCasts.TIME),
                cast(column("year", "year(4)"), "smallint", MySqlTypeCasts.YEAR),
                cast(text("set", "set('a','b')", 3L), "text", MySqlTypeCasts.SET),
                cast(column("uuid", "uuid"), "uuid", MySqlTypeCasts.UUID),
                cast(column("inet6", "inet6"), "inet", MySqlTypeCasts.INET),
                cast(column("inet4", "inet4"), "inet", MySqlTypeCasts.INET));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("casts")
    void eachMySqlType_becomesTheTypeItsRuleNames(String columnType, String expected, CastRule rule, Column column) {
        MySqlColumnCast cast = MySqlTypeCasts.cast(table(column), column, ConversionSpec.defaults());

        assertThat(cast.type()).isEqualTo(expected);
        assertThat(cast.rule()).isEqualTo(rule);
        assertThat(cast.converted()).isTrue();
        assertThat(cast.overridden()).isFalse();
    }

    @Test
    void everyRuleOfTheTable_isExercised_andDocumentedInTheReadme() {
        Set<CastRule> exercised = new HashSet<>();
        casts().forEach(a -> exercised.add((CastRule) a.get()[2]));
        exercised.addAll(List.of(MySqlTypeCasts.AUTO_INCREMENT, MySqlTypeCasts.ENUM, MySqlTypeCasts.SPATIAL));
        assertThat(exercised).containsExactlyInAnyOrderElementsOf(MySqlTypeCasts.rules());

        String readme = ProjectFiles.read(ProjectFiles.root().resolve("README.md"));
        for (CastRule rule : MySqlTypeCasts.rules()) {
            assertThat(readme).as("README row of " + rule.source()).contains("| " + rule.source() + " | " + rule.target() + " | " + rule.why() + " |");
        }
    }

    @Test
    void autoIncrement_becomesAnIdentityOfAtLeastInteger_andBigintUnsignedWarns() {
        assertThat(autoIncrement("tinyint", "tinyint(3) unsigned")).extracting(MySqlColumnCast::type, MySqlColumnCast::identity)
                .containsExactly("integer", true);
        assertThat(autoIncrement("int", "int(11)").type()).isEqualTo("integer");
        assertThat(autoIncrement("int", "int(10) unsigned").type()).isEqualTo("bigint");
        MySqlColumnCast big = autoIncrement("bigint", "bigint(20) unsigned");
        assertThat(big.type()).isEqualTo("bigint");
        assertThat(big.rule()).isEqualTo(MySqlTypeCasts.AUTO_INCREMENT);
        assertThat(big.status()).isEqualTo(CheckStatus.WARN);
        assertThat(big.note()).contains("9223372036854775807");
    }

    @Test
    void enum_isATypeOfItsOwn_orTextWithItsLabels() {
        Column status = text("enum", "enum('new','it''s','a,b')", 4L);

        MySqlColumnCast asType = MySqlTypeCasts.cast(table(status), status, ConversionSpec.defaults());
        MySqlColumnCast asCheck = MySqlTypeCasts.cast(table(status), status, new ConversionSpec(EnumConversion.CHECK, List.of()));

        assertThat(asType.kind()).isEqualTo(Kind.ENUM_TYPE);
        assertThat(asType.type()).as("named by the conversion after the target table").isNull();
        assertThat(asType.labels()).containsExactly("new", "it's", "a,b");
        assertThat(asCheck).extracting(MySqlColumnCast::type, MySqlColumnCast::kind).containsExactly("text", Kind.ENUM_CHECK);
        assertThat(asCheck.labels()).containsExactly("new", "it's", "a,b");
    }

    @Test
    void mariaDbJson_isALongtextCheckedByJsonValid() {
        Column json = text("longtext", "longtext", 4294967295L);
        Table checked = new Table("shop", "t", "TABLE", "InnoDB", null, null, null, "", List.of(json), List.of(), List.of(),
                List.of(new Check("c", "json_valid(`c`)")));

        assertThat(MySqlTypeCasts.cast(checked, json, ConversionSpec.defaults()).type()).isEqualTo("jsonb");
        assertThat(MySqlTypeCasts.cast(table(json), json, ConversionSpec.defaults()).type()).as("no check: text").isEqualTo("text");
    }

    @Test
    void geometryAndUnknownTypes_areNotConverted_andFailWithTheOverrideToAdd() {
        Column point = column("point", "point");
        Column odd = column("vector", "vector(3)");

        MySqlColumnCast geometry = MySqlTypeCasts.cast(table(point), point, ConversionSpec.defaults());
        MySqlColumnCast unknown = MySqlTypeCasts.cast(table(odd), odd, ConversionSpec.defaults());

        assertThat(geometry.converted()).isFalse();
        assertThat(geometry.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(geometry.rule()).isEqualTo(MySqlTypeCasts.SPATIAL);
        assertThat(geometry.note()).contains("{\"table\": \"shop.t\", \"column\": \"c\", \"type\": \"geometry\"}");
        assertThat(unknown.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(unknown.note()).contains("no rule for vector(3)");
    }

    @Test
    void overrides_winOverTheTable_oneForTheColumnBeforeOneForItsType() {
        Column flag = column("tinyint", "tinyint(1)");
        ConversionSpec byType = new ConversionSpec(EnumConversion.TYPE, List.of(new TypeOverride(null, null, "TINYINT(1)", "smallint")));
        ConversionSpec both = new ConversionSpec(EnumConversion.TYPE, List.of(new TypeOverride(null, null, "tinyint", "smallint"),
                new TypeOverride("shop.t", "C", null, "integer")));

        MySqlColumnCast typed = MySqlTypeCasts.cast(table(flag), flag, byType);
        assertThat(typed).extracting(MySqlColumnCast::type, MySqlColumnCast::kind).containsExactly("smallint", Kind.SMALLINT);
        assertThat(typed.overridden()).isTrue();
        assertThat(typed.note()).contains("source type TINYINT(1)");
        assertThat(MySqlTypeCasts.cast(table(flag), flag, both).type()).as("column names compare without case, as in MySQL").isEqualTo("integer");
    }

    @Test
    void binaryCollations_becomeC_andCaseInsensitiveOnesAreMarked() {
        Column bin = new Column("c", "varchar", "varchar(10)", true, null, null, 10L, null, null, null, "utf8mb4", "utf8mb4_bin", null, null);
        Column ci = new Column("c", "varchar", "varchar(10)", true, null, null, 10L, null, null, null, "utf8mb4", "utf8mb4_general_ci", null, null);

        assertThat(MySqlTypeCasts.cast(table(bin), bin, ConversionSpec.defaults()).collation()).isEqualTo("C");
        MySqlColumnCast insensitive = MySqlTypeCasts.cast(table(ci), ci, ConversionSpec.defaults());
        assertThat(insensitive.collation()).isNull();
        assertThat(insensitive.caseInsensitive()).isTrue();
    }

    @Test
    void describe_listsTheTableOneRuleALine_forReportsAndPrompts() {
        assertThat(MySqlTypeCasts.describe().lines()).hasSize(MySqlTypeCasts.rules().size())
                .contains("bigint unsigned -> numeric(20): holds 0..18446744073709551615 (pgloader: numeric)");
    }

    private static MySqlColumnCast autoIncrement(String dataType, String columnType) {
        Column column = new Column("id", dataType, columnType, false, null, "auto_increment", null, null, null, null, null, null, null, null);
        return MySqlTypeCasts.cast(table(column), column, ConversionSpec.defaults());
    }

    private static Arguments cast(Column column, String expected, CastRule rule) {
        return Arguments.of(column.columnType(), expected, rule, column);
    }

    static Column column(String dataType, String columnType) {
        return new Column("c", dataType, columnType, true, null, null, null, null, null, null, null, null, null, null);
    }

    private static Column numeric(String dataType, String columnType, Integer precision, Integer scale) {
        return new Column("c", dataType, columnType, true, null, null, null, precision, scale, null, null, null, null, null);
    }

    private static Column temporal(String dataType, String columnType, int precision) {
        return new Column("c", dataType, columnType, true, null, null, null, null, null, precision, null, null, null, null);
    }

    private static Column text(String dataType, String columnType, Long length) {
        return new Column("c", dataType, columnType, true, null, null, length, null, null, null, "utf8mb4", "utf8mb4_general_ci", null, null);
    }

    static Table table(Column column) {
        return new Table("shop", "t", "TABLE", "InnoDB", null, null, null, "", List.of(column), List.of(), List.of(), List.of());
    }
}
