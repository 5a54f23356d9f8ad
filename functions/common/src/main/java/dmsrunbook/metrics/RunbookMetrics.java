package dmsrunbook.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The runbook's CloudWatch metrics, written with Powertools as embedded metric format (EMF) lines on stdout: CloudWatch
 * Logs turns them into metrics in the {@value #DEFAULT_NAMESPACE} namespace (or {@code POWERTOOLS_METRICS_NAMESPACE}),
 * so dashboards and alarms see every migration the same way, whichever engine runs it. One call is one EMF record,
 * with its own dimensions: handlers running side by side never mix their figures.
 */
public final class RunbookMetrics {

    public static final String DEFAULT_NAMESPACE = "DmsRunbook";
    private static final Logger LOG = LoggerFactory.getLogger(RunbookMetrics.class);

    static {
        // Outside Lambda (the local rehearsal runs the handlers in-process) EMF would probe for an agent and wait;
        // stdout is where Lambda's EMF goes, so every environment writes there unless told otherwise.
        if (System.getenv("AWS_EMF_ENVIRONMENT") == null) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        }
    }

    private final String namespace;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, MetricUnit> units = new LinkedHashMap<>();

    private RunbookMetrics(String namespace) {
        this.namespace = namespace;
    }

    /** A new record in the namespace the environment names, or {@value #DEFAULT_NAMESPACE}. */
    public static RunbookMetrics record() {
        String configured = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
        return new RunbookMetrics(configured == null || configured.isBlank() ? DEFAULT_NAMESPACE : configured);
    }

    /** Adds a dimension (CloudWatch allows 30 per record; the runbook uses two or three). */
    public RunbookMetrics dimension(String name, String value) {
        dimensions.put(name, value);
        return this;
    }

    /** Adds a metric; a null value (not known at this poll) is left out rather than reported as 0. */
    public RunbookMetrics metric(String name, Number value, MetricUnit unit) {
        if (value != null) {
            values.put(name, value.doubleValue());
            units.put(name, unit);
        }
        return this;
    }

    /** Writes the record, if it holds any metric. A record that cannot be written is logged, never thrown. */
    public void publish() {
        if (values.isEmpty()) {
            return;
        }
        try {
            write();
        } catch (RuntimeException e) {
            // A lost data point is not worth failing a migration phase or a lake batch for.
            LOG.warn("metrics {} for {} not written: {}", values.keySet(), dimensions, e.toString());
        }
    }

    private void write() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.flushMetrics(record -> {
            record.setNamespace(namespace);
            // Replaces EMF's own defaults (log group, function name), so the metric is found by these dimensions alone.
            record.setDefaultDimensions(DimensionSet.of(dimensions));
            values.forEach((name, value) -> record.addMetric(name, value, units.get(name)));
        });
    }
}
