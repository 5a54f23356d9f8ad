package dmsrunbook.metrics;

import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.sync.SyncState;
import dmsrunbook.sync.SyncStatus;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What each poll of the sync loop tells CloudWatch, per migration ({@code Migration} = the spec's migrationId) and
 * engine: the replication lag (DMS's CDC latency, or the native subscription's apply lag), the full load's progress,
 * and whether the migration is in sync (1) or not (0). DMS publishes its own task metrics; these are the same figures
 * for both engines, for one dashboard and one alarm.
 */
public final class ReplicationMetrics {

    private ReplicationMetrics() {
    }

    public static void publish(MigrationSpec spec, SyncState state) {
        RunbookMetrics.record()
                .dimension("Migration", spec.migrationId())
                .dimension("Engine", spec.engine().value())
                .metric("ReplicationLagSeconds", state.latencySeconds(), MetricUnit.SECONDS)
                .metric("FullLoadPercent", state.fullLoadPercent(), MetricUnit.PERCENT)
                .metric("TablesLoaded", state.tablesLoaded(), MetricUnit.COUNT)
                .metric("InSync", state.status() == SyncStatus.IN_SYNC ? 1 : 0, MetricUnit.COUNT)
                .publish();
    }
}
