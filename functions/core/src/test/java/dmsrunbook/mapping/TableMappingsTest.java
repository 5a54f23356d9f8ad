package dmsrunbook.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import dmsrunbook.testing.ProjectFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DMS table mappings as users write them: which source tables a task takes, and what each is called on the target,
 * which is what the preflight, the row counts and the sequences look up.
 */
class TableMappingsTest {

    private static final List<TableName> ORDERS_CATALOG = List.of(
            table("public", "orders"), table("public", "order_items"), table("public", "audit_log"),
            table("public", "auditX"), table("billing", "invoices"), table("public", "a.b"));

    @Test
    void percentWildcard_selectsEveryTableOfTheSchema_andNoOtherSchema() {
        TableMappings mappings = mappings(selection(1, "public", "%", "include"));

        assertThat(mappings.select(ORDERS_CATALOG)).containsExactly(table("public", "a.b"), table("public", "auditX"),
                table("public", "audit_log"), table("public", "order_items"), table("public", "orders"));
    }

    @Test
    void excludeRule_removesWhatAnIncludeSelected_asTheLakeExampleSkipsAuditTables() {
        // GIVEN the S3-lake example: all of public except audit_%
        TableMappings mappings = TableMappings.parse(ProjectFiles.json("events/specs/rds-postgres14-to-s3-parquet.json").get("tableMappings"));

        // THEN audit_log is skipped, and auditX too is kept: '_' is a literal character, not a wildcard in DMS names
        assertThat(mappings.select(ORDERS_CATALOG)).containsExactly(table("public", "a.b"), table("public", "auditX"),
                table("public", "order_items"), table("public", "orders"));
    }

    @Test
    void wildcardInTheMiddle_andRegexCharacters_matchLiterally() {
        TableMappings mappings = mappings(selection(1, "public", "order%s", "include"), selection(2, "public", "a.b", "include"));

        assertThat(mappings.select(ORDERS_CATALOG)).containsExactly(table("public", "a.b"), table("public", "order_items"),
                table("public", "orders"));
        assertThat(mappings.selects(table("public", "aXb"))).as("'.' is no regex wildcard").isFalse();
    }

    @Test
    void explicitRule_selectsExactlyTheNamedTable() {
        TableMappings mappings = mappings(selection(1, "billing", "invoices", "explicit"));

        assertThat(mappings.select(ORDERS_CATALOG)).containsExactly(table("billing", "invoices"));
        assertThat(mappings.schemaPatterns()).containsExactly("billing");
    }

    @Test
    void namesAreCaseSensitive_asDmsMatchesThem() {
        TableMappings mappings = mappings(selection(1, "public", "Orders", "include"));

        assertThat(mappings.select(ORDERS_CATALOG)).isEmpty();
    }

    @Test
    void mysqlExample_lowerCasesTables_andRenamesTheSchema_intoPostgresNames() {
        // GIVEN the MySQL example: shop.% selected, tables lower-cased (rule 2), schema shop renamed to public (rule 3)
        TableMappings mappings = TableMappings.parse(ProjectFiles.json("events/specs/mysql-to-postgres.json").get("tableMappings"));

        // THEN a MySQL table lands in public, lower-cased
        assertThat(mappings.select(List.of(table("shop", "Customers"), table("other", "Customers"))))
                .containsExactly(table("shop", "Customers"));
        assertThat(mappings.targetName(table("shop", "Customers"))).isEqualTo(table("public", "customers"));
        assertThat(mappings.targetName(table("other", "Customers"))).as("rules for shop leave other schemas alone")
                .isEqualTo(table("other", "Customers"));
    }

    @Test
    void transformationRules_applyInRuleIdOrder_notInArrayOrder() {
        // GIVEN two rules on the table name, listed out of order: add prefix "old_" (id 2) then upper-case (id 1)
        TableMappings mappings = mappings(selection(10, "public", "%", "include"),
                transformation(2, "table", "public", "%", "add-prefix", "old_", null),
                transformation(1, "table", "public", "%", "convert-uppercase", null, null));

        // THEN the upper-case runs first, and the prefix stays as written
        assertThat(mappings.targetName(table("public", "orders"))).isEqualTo(table("public", "old_ORDERS"));
    }

    @Test
    void schemaRenameWithALowerRuleId_stillLetsTableRulesFindTheirSourceSchema() {
        // GIVEN the MySQL example's rules with the schema rename numbered first
        TableMappings mappings = mappings(selection(1, "shop", "%", "include"),
                transformation(2, "schema", "shop", null, "rename", "public", null),
                transformation(3, "table", "shop", "%", "convert-lowercase", null, null));

        // THEN the table rule, which names the source schema as DMS object locators do, still applies
        assertThat(mappings.targetName(table("shop", "Customers"))).isEqualTo(table("public", "customers"));
    }

    @Test
    void prefixAndSuffixRules_changeOnlyTheNamesTheyMatch() {
        TableMappings mappings = mappings(selection(1, "%", "%", "include"),
                transformation(2, "table", "public", "tmp_%", "remove-prefix", "tmp_", null),
                transformation(3, "table", "public", "%_v1", "replace-suffix", "_v2", "_v1"),
                transformation(4, "schema", "billing", null, "add-suffix", "_archive", null),
                transformation(5, "table", "legacy", "%", "replace-prefix", "new_", "old_"));

        assertThat(mappings.targetName(table("public", "tmp_orders"))).isEqualTo(table("public", "orders"));
        assertThat(mappings.targetName(table("public", "prices_v1"))).isEqualTo(table("public", "prices_v2"));
        assertThat(mappings.targetName(table("billing", "invoices"))).isEqualTo(table("billing_archive", "invoices"));
        assertThat(mappings.targetName(table("legacy", "old_users"))).isEqualTo(table("legacy", "new_users"));
        assertThat(mappings.targetName(table("legacy", "users"))).as("no old_ prefix to replace").isEqualTo(table("legacy", "users"));
    }

    @Test
    void columnRules_doNotChangeWhereRowsLand() {
        TableMappings mappings = mappings(selection(1, "public", "%", "include"),
                Json.tree("""
                        {"rule-type": "transformation", "rule-id": "2", "rule-name": "drop-ssn", "rule-target": "column",
                         "object-locator": {"schema-name": "public", "table-name": "%", "column-name": "ssn"}, "rule-action": "remove-column"}
                        """));

        assertThat(mappings.targetName(table("public", "customers"))).isEqualTo(table("public", "customers"));
    }

    @Test
    void columnRules_nameTheTargetsColumns_inRuleIdOrder_andRemoveColumnLeavesOneOut() {
        TableMappings mappings = mappings(selection(1, "shop", "%", "include"),
                column(4, "shop", "orders", "%", "add-prefix", "o_"),
                column(2, "shop", "%", "%", "convert-lowercase", null),
                column(3, "shop", "orders", "ssn", "remove-column", null),
                column(5, "shop", "customers", "Name", "rename", "full_name"),
                column(6, "shop", "%", "%", "add-column", null));

        assertThat(mappings.targetColumn(table("shop", "orders"), "TotalDue")).contains("o_totaldue");
        assertThat(mappings.targetColumn(table("shop", "orders"), "ssn")).isEmpty();
        assertThat(mappings.targetColumn(table("shop", "customers"), "Name")).as("the locator names the source column").contains("full_name");
        assertThat(mappings.targetColumn(table("shop", "customers"), "ssn")).contains("ssn");
        assertThat(mappings.targetColumn(table("other", "orders"), "TotalDue")).as("another schema: no rule").contains("TotalDue");
        assertThat(mappings.columnRulesNotFollowed(table("shop", "orders"))).containsExactly("rule 6: add-column");
    }

    @Test
    void columnRenameWithoutAValue_isRejected() {
        assertThatThrownBy(() -> mappings(selection(1, "shop", "%", "include"), column(2, "shop", "%", "a", "rename", null)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("tableMappings.rules[1].value: is required by rename");
    }

    @Test
    void mappingsWithOnlyExcludeRules_selectNoTable_andAreRejected() {
        assertThatThrownBy(() -> mappings(selection(1, "public", "audit_%", "exclude")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("tableMappings.rules: select no table");
    }

    @Test
    void ruleWithoutANumericId_orWithAnUnknownAction_isRejectedAtItsPath() {
        JsonNode badId = Json.tree("""
                {"rule-type": "selection", "rule-id": "first", "rule-name": "x",
                 "object-locator": {"schema-name": "public", "table-name": "%"}, "rule-action": "include"}""");

        assertThatThrownBy(() -> mappings(badId, selection(2, "public", "%", "copy")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("tableMappings.rules[0].rule-id: is not a number (5 characters, not repeated here in case it is a secret)")
                .hasMessageContaining("tableMappings.rules[1].rule-action: is not a selection action (4 characters, not repeated here in case it is a secret) -> use include, exclude or explicit");
    }

    @Test
    void renameRuleWithoutAValue_isRejected() {
        assertThatThrownBy(() -> mappings(selection(1, "shop", "%", "include"),
                transformation(2, "schema", "shop", null, "rename", null, null)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("tableMappings.rules[1].value: is required by rename");
    }

    private static TableMappings mappings(JsonNode... rules) {
        var root = Json.MAPPER.createObjectNode();
        var array = root.putArray("rules");
        for (JsonNode rule : rules) {
            array.add(rule);
        }
        return TableMappings.parse(root);
    }

    private static JsonNode selection(int id, String schema, String table, String action) {
        var rule = Json.MAPPER.createObjectNode().put("rule-type", "selection").put("rule-id", String.valueOf(id))
                .put("rule-name", "r" + id).put("rule-action", action);
        rule.putObject("object-locator").put("schema-name", schema).put("table-name", table);
        return rule;
    }

    private static JsonNode transformation(int id, String target, String schema, String table, String action, String value, String oldValue) {
        var rule = Json.MAPPER.createObjectNode().put("rule-type", "transformation").put("rule-id", String.valueOf(id))
                .put("rule-name", "t" + id).put("rule-target", target).put("rule-action", action);
        var locator = rule.putObject("object-locator").put("schema-name", schema);
        if (table != null) {
            locator.put("table-name", table);
        }
        if (value != null) {
            rule.put("value", value);
        }
        if (oldValue != null) {
            rule.put("old-value", oldValue);
        }
        return rule;
    }

    private static JsonNode column(int id, String schema, String table, String column, String action, String value) {
        var rule = (ObjectNode) transformation(id, "column", schema, table, action, value, null);
        ((ObjectNode) rule.get("object-locator")).put("column-name", column);
        return rule;
    }

    private static TableName table(String schema, String name) {
        return new TableName(schema, name);
    }
}
