package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.layout.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LAKE_TABLES keeps schema and table apart: a name holding a dot is quoted, never split at its dot. */
class LakeTableListTest {

    @Test
    void plainEntries_giveSchemaTableAndKeys() {
        LakeTableList.Parsed parsed = LakeTableList.parse(" public.orders:id ; sales.lines:order_id, line_no;");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.tables()).containsEntry(new TableName("public", "orders"), List.of("id"))
                .containsEntry(new TableName("sales", "lines"), List.of("order_id", "line_no")).hasSize(2);
    }

    @Test
    void aQuotedSchemaOrTable_mayHoldDotsSeparatorsAndDoubledQuotes() {
        LakeTableList.Parsed parsed = LakeTableList.parse("\"my.schema\".orders:id;crm.\"a:b;c\":\"key.part\",n;\"say \"\"hi\"\"\".t:id");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.tables()).containsEntry(new TableName("my.schema", "orders"), List.of("id"))
                .containsEntry(new TableName("crm", "a:b;c"), List.of("key.part", "n"))
                .containsEntry(new TableName("say \"hi\"", "t"), List.of("id"));
    }

    @Test
    void aTableNameWritesBackAsItIsRead() {
        for (TableName name : List.of(new TableName("my.schema", "orders"), new TableName("public", "orders"),
                new TableName("x", "a\"b"), new TableName("s", "t,u"))) {
            assertThat(LakeTableList.parse(name + ":id").tables()).containsOnlyKeys(name);
        }
        assertThat(new TableName("my.schema", "orders")).hasToString("\"my.schema\".orders");
    }

    @Test
    void anUnquotedNameWithADot_anUnclosedQuote_orATableTwice_areProblemsNamingTheFix() {
        LakeTableList.Parsed parsed = LakeTableList.parse("my.schema.orders:id;public.orders:id;public.orders:id;orders;\"open.orders:id");

        assertThat(parsed.problems()).hasSize(4);
        assertThat(parsed.problems().get(0)).startsWith("LAKE_TABLES entry 'my.schema.orders:id' is not schema.table:key")
                .contains("more than one '.'").contains("\"my.schema\".orders:id");
        assertThat(parsed.problems().get(1)).isEqualTo("LAKE_TABLES names public.orders twice -> keep one entry per table");
        assertThat(parsed.problems().get(2)).startsWith("LAKE_TABLES entry 'orders' is not schema.table:key");
        // An unclosed quote takes the rest of the setting with it: it comes last here.
        assertThat(parsed.problems().get(3)).contains("no closing '\"'");
        assertThat(parsed.tables()).containsOnlyKeys(new TableName("public", "orders"));
    }
}
