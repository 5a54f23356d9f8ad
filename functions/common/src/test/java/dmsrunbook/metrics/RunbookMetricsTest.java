package dmsrunbook.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.local.EmbeddedMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** What CloudWatch receives: EMF records on stdout, read back as CloudWatch Logs would parse them. */
class RunbookMetricsTest {

    @Test
    void aRecordBecomesOneEmfLineWithItsNamespaceDimensionsAndValues() {
        List<EmbeddedMetrics.Record> records = EmbeddedMetrics.writtenBy(() -> RunbookMetrics.record()
                .dimension("Migration", "cashflow-to-aurora")
                .dimension("Engine", "postgres-native")
                .metric("ReplicationLagSeconds", 2.5, MetricUnit.SECONDS)
                .metric("TablesLoaded", 3, MetricUnit.COUNT)
                .publish());

        assertThat(records).hasSize(1);
        EmbeddedMetrics.Record record = records.get(0);
        assertThat(record.namespace()).isEqualTo(RunbookMetrics.DEFAULT_NAMESPACE);
        assertThat(record.metricNames()).containsExactly("ReplicationLagSeconds", "TablesLoaded");
        assertThat(record.unit("ReplicationLagSeconds")).isEqualTo("Seconds");
        // Exactly these: an alarm on Migration and Engine finds the metric without naming log groups or functions.
        assertThat(record.dimensionNames()).containsExactly("Migration", "Engine");
        assertThat(record.dimension("Migration")).isEqualTo("cashflow-to-aurora");
        assertThat(record.dimension("Engine")).isEqualTo("postgres-native");
        assertThat(record.value("ReplicationLagSeconds")).isEqualTo(2.5);
        assertThat(record.value("TablesLoaded")).isEqualTo(3.0);
    }

    @Test
    void aRecordCloudWatchWouldRejectIsLoggedNotThrown() {
        // EMF refuses an empty dimension value, as CloudWatch would; the phase must go on regardless.
        List<EmbeddedMetrics.Record> records = EmbeddedMetrics.writtenBy(() -> RunbookMetrics.record()
                .dimension("Migration", "")
                .metric("ReplicationLagSeconds", 1, MetricUnit.SECONDS)
                .publish());

        assertThat(records).isEmpty();
    }

    @Test
    void aFigureNotKnownYetIsLeftOutAndAnEmptyRecordIsNotWritten() {
        List<EmbeddedMetrics.Record> records = EmbeddedMetrics.writtenBy(() -> {
            RunbookMetrics.record().dimension("Migration", "m").metric("ReplicationLagSeconds", null, MetricUnit.SECONDS).publish();
            RunbookMetrics.record().dimension("Migration", "m").metric("FullLoadPercent", 40, MetricUnit.PERCENT)
                    .metric("ReplicationLagSeconds", null, MetricUnit.SECONDS).publish();
        });

        assertThat(records).hasSize(1);
        assertThat(records.get(0).metricNames()).containsExactly("FullLoadPercent");
        assertThat(records.get(0).value("ReplicationLagSeconds")).isNull();
    }
}
