package dmsrunbook.database.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.ForeignKey;
import dmsrunbook.database.mysql.MySqlCatalog.Index;
import dmsrunbook.database.mysql.MySqlCatalog.IndexPart;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaStatement;
import dmsrunbook.spec.ConversionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conversion's decisions that need no server: names that meet, keys PostgreSQL cannot have, server settings. */
class MySqlToPostgresTest {

    private static final Column ID = new Column("id", "int", "int(11)", false, null, null, null, 10, 0, null, null, null, null, null);
    private static final Index PRIMARY = new Index("PRIMARY", true, "BTREE", List.of(new IndexPart("id", null, null, false)), null);

    @Test
    void twoTablesThatALowerCaseRuleMakesOne_failTheSecond_namingBoth() {
        MySqlCatalog catalog = catalog(0, table("Orders", List.of(PRIMARY), List.of()), table("orders", List.of(PRIMARY), List.of()));

        SchemaConversion conversion = MySqlToPostgres.convert(catalog, mappings(true), ConversionSpec.defaults());

        assertThat(conversion.applicable()).isFalse();
        assertThat(conversion.warnings()).filteredOn(o -> o.status() == CheckStatus.FAIL).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo(SchemaObject.of(ObjectKind.TABLE, new ObjectName("shop", "orders")));
            assertThat(o.note()).isEqualTo("the mappings name it shop.orders, as they name shop.Orders: add a DMS rename rule for one of them");
        });
        assertThat(conversion.plan().preData()).extracting(SchemaStatement::describe).containsOnlyOnce("create table shop.orders");
    }

    @Test
    void indexNamesUsedOnTwoTables_areKeptOnce_thenPrefixedWithTheTable() {
        Index first = new Index("idx_id", false, "BTREE", List.of(new IndexPart("id", null, null, false)), null);
        MySqlCatalog catalog = catalog(1, table("a", List.of(PRIMARY, first), List.of()), table("b", List.of(PRIMARY, first), List.of()));

        SchemaConversion conversion = MySqlToPostgres.convert(catalog, mappings(false), ConversionSpec.defaults());

        assertThat(conversion.plan().postData()).extracting(SchemaStatement::sql).containsExactly(
                "CREATE INDEX IF NOT EXISTS \"idx_id\" ON \"shop\".\"a\" (\"id\")",
                "CREATE INDEX IF NOT EXISTS \"b_idx_id\" ON \"shop\".\"b\" (\"id\")");
    }

    @Test
    void foreignKeyToColumnsWithoutAUniqueKey_needsAPerson_andOneToATableLeftOut_isNotCreated() {
        Column parentId = new Column("parent_id", "int", "int(11)", true, null, null, null, 10, 0, null, null, null, null, null);
        Column code = new Column("code", "int", "int(11)", true, null, null, null, 10, 0, null, null, null, null, null);
        Table parent = new Table("shop", "parent", "TABLE", "InnoDB", null, null, null, "", List.of(ID, code),
                List.of(PRIMARY, new Index("idx_code", false, "BTREE", List.of(new IndexPart("code", null, null, false)), null)), List.of(), List.of());
        Table child = new Table("shop", "child", "TABLE", "InnoDB", null, null, null, "", List.of(ID, parentId), List.of(PRIMARY),
                List.of(new ForeignKey("fk_code", List.of("parent_id"), "shop", "parent", List.of("code"), "RESTRICT", "RESTRICT"),
                        new ForeignKey("fk_gone", List.of("parent_id"), "other", "gone", List.of("id"), "RESTRICT", "CASCADE")), List.of());
        MySqlCatalog catalog = catalog(1, parent, child);

        SchemaConversion conversion = MySqlToPostgres.convert(catalog, mappings(false), ConversionSpec.defaults());

        ObjectConversion notUnique = find(conversion, SchemaObject.of(ObjectKind.FOREIGN_KEY, new ObjectName("shop", "child"), "fk_code"));
        assertThat(notUnique.outcome()).isEqualTo(ObjectConversion.Outcome.NEEDS_A_PERSON);
        assertThat(notUnique.note()).contains("PostgreSQL needs a primary key or unique index on shop.parent (code)");
        ObjectConversion gone = find(conversion, SchemaObject.of(ObjectKind.FOREIGN_KEY, new ObjectName("shop", "child"), "fk_gone"));
        assertThat(gone.target()).isNull();
        assertThat(gone.note()).contains("other.gone is not migrated");
        assertThat(conversion.plan().postData()).noneMatch(s -> s.object().kind() == ObjectKind.FOREIGN_KEY);
    }

    @Test
    void namesCompareWithoutCaseOnTheSource_theSchemaSaysTheTargetKeepsTheirCase() {
        SchemaConversion conversion = MySqlToPostgres.convert(catalog(2, table("Orders", List.of(PRIMARY), List.of())), mappings(false),
                ConversionSpec.defaults());

        ObjectConversion schema = find(conversion, SchemaObject.of(ObjectKind.SCHEMA, new ObjectName("shop", "")));
        assertThat(schema.status()).isEqualTo(CheckStatus.WARN);
        assertThat(schema.note()).contains("lower_case_table_names=2");
    }

    @Test
    void generatedNamesOverSixtyThreeBytes_areCutWithAHash_soTwoStayDistinct() {
        String longName = "a".repeat(60);
        Column status = new Column("status_of_the_order", "enum", "enum('a','b')", true, null, null, 1L, null, null, null, "utf8mb4",
                "utf8mb4_bin", null, null);
        Table table = new Table("shop", longName, "TABLE", "InnoDB", null, null, null, "", List.of(ID, status), List.of(PRIMARY), List.of(), List.of());

        SchemaConversion conversion = MySqlToPostgres.convert(catalog(1, table), mappings(false), ConversionSpec.defaults());

        SchemaStatement type = conversion.plan().preData().stream().filter(s -> s.object().kind() == ObjectKind.ENUM).findFirst().orElseThrow();
        assertThat(type.object().name().name()).hasSize(63).startsWith("a".repeat(50)).matches(".*_[0-9a-f]{8}");
        assertThat(conversion.tableDefinitions().get(new ObjectName("shop", longName))).startsWith("CREATE TYPE ");
    }

    @Test
    void mariaDbQuotesLiteralDefaultsSince10_2_7_andMySqlNever() {
        assertThat(MySqlToPostgres.quotesLiteralDefaults(new MySqlCatalog("10.11.6-MariaDB", true, 0, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of()))).isTrue();
        assertThat(MySqlToPostgres.quotesLiteralDefaults(new MySqlCatalog("10.2.6-MariaDB", true, 0, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of()))).isFalse();
        assertThat(MySqlToPostgres.quotesLiteralDefaults(new MySqlCatalog("8.0.36", false, 0, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of()))).isFalse();
    }

    private static ObjectConversion find(SchemaConversion conversion, SchemaObject source) {
        return conversion.objects().stream().filter(o -> o.source().equals(source)).findFirst().orElseThrow();
    }

    private static Table table(String name, List<Index> indexes, List<ForeignKey> keys) {
        return new Table("shop", name, "TABLE", "InnoDB", null, null, null, "", List.of(ID), indexes, keys, List.of());
    }

    private static MySqlCatalog catalog(int lowerCaseTableNames, Table... tables) {
        return new MySqlCatalog("10.11.6-MariaDB", true, lowerCaseTableNames, List.of(new MySqlCatalog.Schema("shop", "utf8mb4", "utf8mb4_general_ci")),
                List.of(tables), List.of(), List.of(), List.of(), List.of());
    }

    private static TableMappings mappings(boolean lowerCase) {
        return TableMappings.parse(Json.tree("""
                {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "shop", "table-name": "%%"},
                  "rule-action": "include"}%s]}""".formatted(lowerCase ? """
                , {"rule-type": "transformation", "rule-id": "2", "rule-name": "lower", "rule-target": "table",
                   "object-locator": {"schema-name": "shop", "table-name": "%"}, "rule-action": "convert-lowercase"}""" : "")));
    }
}
