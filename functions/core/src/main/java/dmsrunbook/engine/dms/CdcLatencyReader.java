package dmsrunbook.engine.dms;

import dmsrunbook.error.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Reads a DMS task's change latency from CloudWatch: the larger of {@code CDCLatencySource} (source to replication
 * instance) and {@code CDCLatencyTarget} (source to target), as their newest one-minute maximum.
 */
public final class CdcLatencyReader {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int PERIOD_SECONDS = 60;

    private final CloudWatchClient cloudWatch;

    public CdcLatencyReader(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /** A latency in seconds, and the end of the minute it is the maximum of. */
    public record Reading(double seconds, Instant observedAt) {
    }

    /**
     * @param instanceIdentifier the replication instance's identifier (its name)
     * @param taskResourceId     the task's resource id, the last part of its ARN: DMS's metric dimension
     */
    public Optional<Reading> latest(String instanceIdentifier, String taskResourceId, Instant now) {
        GetMetricDataResponse response;
        try {
            response = cloudWatch.getMetricData(b -> b
                    .startTime(now.minus(WINDOW))
                    .endTime(now.plusSeconds(60))
                    .scanBy(ScanBy.TIMESTAMP_DESCENDING)
                    .metricDataQueries(query("source", "CDCLatencySource", instanceIdentifier, taskResourceId),
                            query("target", "CDCLatencyTarget", instanceIdentifier, taskResourceId)));
        } catch (SdkException e) {
            throw Failures.ofAws("CloudWatch GetMetricData (CDC latency)", e);
        }
        Optional<Reading> source = newest(response.metricDataResults(), "source");
        Optional<Reading> target = newest(response.metricDataResults(), "target");
        if (source.isEmpty() || target.isEmpty()) {
            return source.isPresent() ? source : target;
        }
        // Both stages must be caught up: report the worse one, as of the older of the two periods.
        Reading s = source.get();
        Reading t = target.get();
        return Optional.of(new Reading(Math.max(s.seconds(), t.seconds()),
                s.observedAt().isBefore(t.observedAt()) ? s.observedAt() : t.observedAt()));
    }

    private static MetricDataQuery query(String id, String metric, String instance, String task) {
        return MetricDataQuery.builder().id(id).returnData(true).metricStat(stat -> stat
                .period(PERIOD_SECONDS)
                .stat(Statistic.MAXIMUM.toString())
                .metric(m -> m.namespace("AWS/DMS").metricName(metric).dimensions(
                        Dimension.builder().name("ReplicationInstanceIdentifier").value(instance).build(),
                        Dimension.builder().name("ReplicationTaskIdentifier").value(task).build()))).build();
    }

    private static Optional<Reading> newest(List<MetricDataResult> results, String id) {
        return results.stream().filter(r -> id.equals(r.id())).findFirst().flatMap(result -> {
            Instant newest = null;
            double value = 0;
            for (int i = 0; i < result.timestamps().size(); i++) {
                Instant at = result.timestamps().get(i);
                if (newest == null || at.isAfter(newest)) {
                    newest = at;
                    value = result.values().get(i);
                }
            }
            // CloudWatch stamps a period with its start; the reading covers the period up to its end.
            return newest == null ? Optional.empty() : Optional.of(new Reading(value, newest.plusSeconds(PERIOD_SECONDS)));
        });
    }
}
