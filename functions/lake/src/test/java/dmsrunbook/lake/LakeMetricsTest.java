package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.commit.IngestResult;
import dmsrunbook.local.EmbeddedMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch's outcome as CloudWatch sees it: one record per table, one for the batch. */
class LakeMetricsTest {

    @Test
    void eachTableReportsWhatItTookInAndWhatItSetAside() {
        Map<String, IngestResult> tables = new LinkedHashMap<>();
        tables.put("public.orders", new IngestResult(7, 12, 2, 1, 0, 48_000, 1, 1, List.of("dms/public/orders/20261122-0102030000.parquet"), false));
        tables.put("public.customers", new IngestResult(3, 1, 0, 0, 0, 500, 1, 1, List.of(), false));
        LakeIngestService.BatchOutcome outcome = new LakeIngestService.BatchOutcome(List.of("m-9"), tables, 2, 40);

        List<EmbeddedMetrics.Record> records = EmbeddedMetrics.writtenBy(() -> LakeMetrics.publish(outcome));

        assertThat(records).hasSize(3);
        EmbeddedMetrics.Record orders = records.get(0);
        assertThat(orders.dimension("Table")).isEqualTo("public.orders");
        assertThat(orders.value("DmsFilesCommitted")).isEqualTo(12.0);
        assertThat(orders.value("ChangeRowsCommitted")).isEqualTo(48_000.0);
        assertThat(orders.value("DuplicateDeliveries")).isEqualTo(2.0);
        assertThat(orders.value("FilesQuarantined")).isEqualTo(1.0);
        assertThat(orders.value("FilesDeferred")).isEqualTo(1.0);
        assertThat(records.get(1).dimension("Table")).isEqualTo("public.customers");
        EmbeddedMetrics.Record batch = records.get(2);
        assertThat(batch.dimension("Function")).isEqualTo("CompactDmsChanges");
        assertThat(batch.value("MessagesRetried")).isEqualTo(1.0);
        assertThat(batch.value("FilesQuarantined")).isEqualTo(2.0);
        assertThat(batch.value("FilesHandedOn")).isEqualTo(40.0);
    }
}
