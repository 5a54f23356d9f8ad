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

    @Test
    void aColumnGoneWhileANewOneOfItsTypeStandsInItsPlace_isARename_andIncompatible() {
        TableSchema orders = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { required int64 id; required binary customer (STRING); required int32 qty; optional double price; }"));
        TableSchema renamedInTheMiddle = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { required int64 id; required binary client (STRING); required int32 qty; optional double price; }"));
        TableSchema renamedLast = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { required int64 id; required binary customer (STRING); required int32 qty; optional double unit_price; }"));

        assertThat(orders.compare(renamedInTheMiddle).verdict()).isEqualTo(SchemaComparison.Verdict.INCOMPATIBLE);
        assertThat(orders.compare(renamedInTheMiddle).details()).containsExactly(
                "column customer seems renamed to client (client has its type and its place, and customer is gone)");
        assertThat(orders.compare(renamedLast).details()).containsExactly(
                "column price seems renamed to unit_price (unit_price has its type and its place, and price is gone)");
    }

    @Test
    void aColumnDroppedAndAnotherAppended_orADifferentTypeInItsPlace_isNoRename() {
        TableSchema orders = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { required int64 id; required binary customer (STRING); required int32 qty; }"));
        TableSchema droppedAndAppended = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { required int64 id; required int32 qty; optional binary note (STRING); }"));
        TableSchema otherTypeInItsPlace = TableSchema.fromDmsFile(MessageTypeParser.parseMessageType(
                "message t { required int64 id; optional double score; required int32 qty; }"));

        assertThat(orders.compare(droppedAndAppended).verdict()).isEqualTo(SchemaComparison.Verdict.COLUMNS_ADDED);
        assertThat(orders.compare(droppedAndAppended).details()).containsExactly("column note added");
        assertThat(orders.compare(otherTypeInItsPlace).verdict()).isEqualTo(SchemaComparison.Verdict.COLUMNS_ADDED);
    }
}
