package dmsrunbook.lake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

    private final TableSchema table = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
            "message t { optional binary Op (STRING); required int64 id; optional binary name (STRING); }"));

    @Test
    void dmsFooter_losesOp_andEveryColumnBecomesOptional() {
        assertThat(table.columns().getFieldCount()).isEqualTo(2);
        assertThat(table.columns().getType("id").getRepetition().name()).isEqualTo("OPTIONAL");
        assertThat(table.changes().getType(0).getName()).isEqualTo("Op");
        assertThat(table.state().getType(2).getName()).isEqualTo("dms_change_seq");
        assertThat(TableSchema.parse(table.text())).isEqualTo(table);
    }

    @Test
    void addedColumn_evolvesTheTable_missingColumn_isRead_asNull_typeChange_isIncompatible() {
        TableSchema wider = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { optional int64 id; optional binary name (STRING); optional double score; }"));
        TableSchema narrower = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType("message t { optional int64 id; }"));
        TableSchema retyped = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { optional int64 id; optional int32 name; }"));

        assertThat(table.compare(wider).verdict()).isEqualTo(SchemaComparison.Verdict.COLUMNS_ADDED);
        assertThat(table.compare(wider).evolved().columns().getFieldName(2)).isEqualTo("score");
        assertThat(table.compare(narrower).verdict()).isEqualTo(SchemaComparison.Verdict.SAME);
        assertThat(table.compare(retyped).verdict()).isEqualTo(SchemaComparison.Verdict.INCOMPATIBLE);
        assertThat(table.compare(retyped).details()).containsExactly("column name changed from BINARY STRING to INT32");
    }
}
