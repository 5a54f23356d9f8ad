package dmsrunbook.lake;

import dmsrunbook.lake.commit.IngestResult;
import dmsrunbook.metrics.RunbookMetrics;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What each SQS batch tells CloudWatch: per table ({@code Table} = schema.table), the DMS files and change rows
 * committed, redeliveries skipped, files quarantined and files left for a later delivery; for the whole batch, the
 * messages returned to the queue, the files quarantined before reaching a table and the files handed on to the next
 * invocation (a long load going on by itself). An alarm on {@code FilesQuarantined} or a growing
 * {@code MessagesRetried} tells on-call the lake needs a look before Athena readers notice.
 */
final class LakeMetrics {

    private LakeMetrics() {
    }

    static void publish(LakeIngestService.BatchOutcome outcome) {
        for (Map.Entry<String, IngestResult> table : outcome.tables().entrySet()) {
            IngestResult result = table.getValue();
            RunbookMetrics.record()
                    .dimension("Table", table.getKey())
                    .metric("DmsFilesCommitted", result.committed(), MetricUnit.COUNT)
                    .metric("ChangeRowsCommitted", result.rows(), MetricUnit.COUNT)
                    .metric("DuplicateDeliveries", result.duplicates(), MetricUnit.COUNT)
                    .metric("FilesQuarantined", result.quarantined(), MetricUnit.COUNT)
                    .metric("FilesDeferred", result.deferred().size(), MetricUnit.COUNT)
                    .publish();
        }
        RunbookMetrics.record()
                .dimension("Function", "CompactDmsChanges")
                .metric("MessagesRetried", outcome.failedMessageIds().size(), MetricUnit.COUNT)
                .metric("FilesQuarantined", outcome.quarantined(), MetricUnit.COUNT)
                .metric("FilesHandedOn", outcome.handedOn(), MetricUnit.COUNT)
                .publish();
    }
}
