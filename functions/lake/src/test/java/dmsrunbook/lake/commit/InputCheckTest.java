package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.layout.DmsObjectKey;
import dmsrunbook.lake.parquet.ParquetBatchReader.Footer;
import dmsrunbook.lake.schema.TableSchema;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class InputCheckTest {

    private static final DmsLayout DMS = new DmsLayout("dms", null);
    private static final DmsObjectKey CDC = DMS.parse("dms/public/orders/20261122-1100000000.parquet");
    private static final DmsObjectKey LOAD = DMS.parse("dms/public/orders/LOAD00000001.parquet");
    private static final List<String> KEY = List.of("id");

    @Test
    void theFirstFile_givesTheTableItsColumns() {
        InputCheck.Verdict verdict = InputCheck.of(LOAD, footer("optional int64 id; optional binary name (STRING);"), null, KEY);

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.schema().columns().getFieldCount()).isEqualTo(2);
    }

    @Test
    void aCdcFileWithoutOpFirst_isSetAside_namingTheEndpointSetting() {
        InputCheck.Verdict verdict = InputCheck.of(CDC, footer("optional int64 id;"), null, KEY);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.problem()).contains("without the Op column");
        assertThat(verdict.fix()).contains("CdcInsertsOnly");
    }

    @Test
    void aFileWithoutThePrimaryKey_isSetAside() {
        InputCheck.Verdict verdict = InputCheck.of(LOAD, footer("optional binary name (STRING);"), null, KEY);

        assertThat(verdict.problem()).contains("no primary key column id");
    }

    @Test
    void anAddedColumn_evolvesTheTable_andIsNoted() {
        TableSchema current = TableSchema.parse("message table { optional int64 id; }");

        InputCheck.Verdict verdict = InputCheck.of(CDC, footer("required binary Op (STRING); optional int64 id; optional int32 qty;"), current, KEY);

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.schema().columns().containsField("qty")).isTrue();
        assertThat(verdict.notes()).isNotEmpty();
    }

    @Test
    void aColumnWhoseTypeChanged_isSetAside() {
        TableSchema current = TableSchema.parse("message table { optional int64 id; optional int64 qty; }");

        InputCheck.Verdict verdict = InputCheck.of(CDC, footer("required binary Op (STRING); optional int64 id; optional binary qty (STRING);"),
                current, KEY);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.problem()).startsWith("its columns do not match the table's");
    }

    @Test
    void anUnreadableFooter_isSetAside_asNoParquetFile() {
        assertThat(InputCheck.unreadable(new IOException("not a Parquet file")).problem())
                .isEqualTo("it is not a readable Parquet file (not a Parquet file)");
    }

    private static Footer footer(String fields) {
        return new Footer(MessageTypeParser.parseMessageType("message dms { " + fields + " }"), 10);
    }
}
