package dmsrunbook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualifiedNameTextTest {

    @Test
    void plainName_isSchemaAndTable() {
        assertThat(QualifiedNameText.parse("public.orders").table()).contains(new TableName("public", "orders"));
    }

    @Test
    void quotedSchemaWithADot_isOneSchema() {
        assertThat(QualifiedNameText.parse("\"my.schema\".orders").table()).contains(new TableName("my.schema", "orders"));
    }

    @Test
    void quotedTableWithADoubledQuote_keepsOneQuote() {
        assertThat(QualifiedNameText.parse("\"my.schema\".\"Odd\"\"Name.x\"").table())
                .contains(new TableName("my.schema", "Odd\"Name.x"));
    }

    @Test
    void unquotedSecondDot_isRefused_asAmbiguous() {
        QualifiedNameText.Result result = QualifiedNameText.parse("my.schema.orders");

        assertThat(result.table()).isEmpty();
        assertThat(result.problem()).isEqualTo("has more than one '.', so it is not clear where the schema ends");
        assertThat(result.fix()).isEqualTo(QualifiedNameText.QUOTE_FIX);
    }

    @Test
    void malformedNames_areRefused_withTheReason() {
        assertThat(QualifiedNameText.parse("orders").problem()).isEqualTo("is not a table name");
        assertThat(QualifiedNameText.parse("public.").problem()).isEqualTo("has an empty name");
        assertThat(QualifiedNameText.parse("\"my.schema.orders").problem()).isEqualTo("has a quoted name without its closing '\"'");
        assertThat(QualifiedNameText.parse("pub\"lic.orders").problem()).isEqualTo("has a quote inside an unquoted name");
        assertThat(QualifiedNameText.parse("\"a\"x.orders").problem()).isEqualTo("is not a table name");
        assertThat(QualifiedNameText.parse("public.\"orders\"x").problem()).isEqualTo("has 'x' after the table name");
        assertThat(QualifiedNameText.parse(null).problem()).isEqualTo("is not a table name");
    }

    @Test
    void written_readsBackAsTheSameTable_quotingOnlyWhatNeedsIt() {
        TableName plain = new TableName("Shop", "orders");
        TableName dotted = new TableName("my.schema", "Odd\"Name.x");

        assertThat(QualifiedNameText.write(plain)).isEqualTo("Shop.orders");
        assertThat(QualifiedNameText.write(dotted)).isEqualTo("\"my.schema\".\"Odd\"\"Name.x\"");
        assertThat(QualifiedNameText.parse(QualifiedNameText.write(dotted)).table()).contains(dotted);
        assertThat(dotted).hasToString("\"my.schema\".\"Odd\"\"Name.x\"");
    }

    @Test
    void schemaWithADot_andTableWithADot_areTwoTables() {
        // my."schema.orders" and "my.schema".orders join to the same unquoted text: written apart, they stay apart
        assertThat(new TableName("my", "schema.orders").toString()).isNotEqualTo(new TableName("my.schema", "orders").toString());
    }
}
