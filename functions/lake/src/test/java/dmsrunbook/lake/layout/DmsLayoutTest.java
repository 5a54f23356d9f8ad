package dmsrunbook.lake.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DmsLayoutTest {

    private final DmsLayout flat = new DmsLayout("dms", DatePartitioning.NONE);
    private final DmsLayout daily = new DmsLayout("dms/", new DatePartitioning("YYYYMMDD", "SLASH"));

    @Test
    void fullLoadFile_isPlacedBeforeEveryChange_inTheFullLoadPartition() {
        DmsObjectKey load = flat.parse("dms/public/orders/LOAD0000000A.parquet");
        DmsObjectKey cdc = flat.parse("dms/public/orders/20201029-1134010000.parquet");

        assertThat(load.qualifiedTable()).isEqualTo("public.orders");
        assertThat(load.kind()).isEqualTo(DmsFileKind.FULL_LOAD);
        assertThat(load.partition()).isEqualTo("full-load");
        assertThat(load.firstSeq() + ChangeSequence.MAX_LOAD_ROWS).isLessThan(cdc.firstSeq());
    }

    @Test
    void loadFilesOfAReload_areNumberedInTheirEpoch_apartFromTheFirstLoad_andStillBeforeEveryChange() {
        DmsObjectKey first = flat.parse("dms/public/orders/LOAD00000002.parquet");
        DmsObjectKey reloaded = first.inEpoch(2);
        DmsObjectKey cdc = flat.parse("dms/public/orders/20201029-1134010000.parquet");

        assertThat(first.inEpoch(1)).isEqualTo(first);
        assertThat(reloaded.loadCounter()).isEqualTo(2);
        assertThat(first.firstSeq() + ChangeSequence.MAX_LOAD_ROWS).isLessThan(reloaded.firstSeq());
        assertThat(ChangeSequence.ofFullLoad(ChangeSequence.MAX_EPOCH, ChangeSequence.MAX_LOAD_COUNTER) + ChangeSequence.MAX_LOAD_ROWS)
                .isLessThan(cdc.firstSeq());
        assertThat(cdc.inEpoch(2)).isEqualTo(cdc);
        assertThatThrownBy(() -> flat.parse("dms/public/orders/LOAD00040000.parquet")).hasMessageContaining("LOAD counter 262144")
                .hasMessageContaining("MaxFileSize");
    }

    @Test
    void cdcFiles_areOrderedByTheTimeInTheirName_andPartitionedByItsDate() {
        DmsObjectKey earlier = flat.parse("dms/public/orders/20261121-0959590999.parquet");
        DmsObjectKey later = flat.parse("dms/public/orders/20261121-1000000000.parquet");

        assertThat(earlier.partition()).isEqualTo("2026-11-21");
        assertThat(earlier.firstSeq() + ChangeSequence.MAX_CDC_ROWS).isLessThan(later.firstSeq());
    }

    @Test
    void dateFolders_becomeThePartition_forEverySequenceAndDelimiter() {
        assertThat(daily.parse("dms/public/orders/2026/11/21/20261121-1000000000.parquet").partition()).isEqualTo("2026-11-21");
        assertThat(new DmsLayout("", new DatePartitioning("YYYYMMDDHH", "DASH"))
                .parse("public/orders/2026-11-21-10/20261121-1000000000.parquet").partition()).isEqualTo("2026-11-21-10");
        assertThat(new DmsLayout("x", new DatePartitioning("DDMMYYYY", "NONE"))
                .parse("x/public/orders/21112026/LOAD00000001.parquet").partition()).isEqualTo("2026-11-21");
        assertThat(new DatePartitioning("MMYYYYDD", "UNDERSCORE").folderFor(2026, 11, 21, 0)).isEqualTo("11_2026_21");
    }

    @Test
    void keysThatAreNotDmsOutput_areRefusedNamingTheKeyAndWhatToCheck() {
        assertThatThrownBy(() -> flat.parse("other/public/orders/LOAD00000001.parquet"))
                .isInstanceOf(UnrecognisedObjectException.class).hasMessageContaining("other/public/orders/LOAD00000001.parquet")
                .hasMessageContaining("not under the DMS folder");
        assertThatThrownBy(() -> flat.parse("dms/public/orders/LOAD00000001.json")).hasMessageContaining("neither LOAD");
        assertThatThrownBy(() -> daily.parse("dms/public/orders/2026/13/LOAD00000001.parquet")).hasMessageContaining("expected");
        assertThatThrownBy(() -> flat.parse("dms/public/orders/20261341-1000000000.parquet")).hasMessageContaining("not a valid time");
    }

    @Test
    void dmsCsvOutput_isRefusedAsCsv_namingTheEndpointSettingThatFixesIt() {
        for (String key : List.of("dms/public/orders/LOAD00000001.csv", "dms/public/orders/20261121-1000000000.csv.gz",
                "dms/public/orders/2026/11/21/20261121-1000000000.csv")) {
            assertThatThrownBy(() -> flat.parse(key)).as(key).isInstanceOf(UnrecognisedObjectException.class)
                    .hasMessageContaining(key).hasMessageContaining("DMS CSV output").hasMessageContaining("DataFormat parquet");
        }
    }

    @Test
    void aSchemaNamedWithADot_staysOneSchema() {
        DmsObjectKey key = flat.parse("dms/my.schema/orders/LOAD00000001.parquet");

        assertThat(key.tableName()).isEqualTo(new TableName("my.schema", "orders"));
        assertThat(key.qualifiedTable()).isEqualTo("\"my.schema\".orders");
    }
}
