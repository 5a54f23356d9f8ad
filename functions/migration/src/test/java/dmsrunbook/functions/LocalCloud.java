package dmsrunbook.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.aws.AwsClients;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.internal.Json;
import dmsrunbook.local.DmsGaps;
import dmsrunbook.local.LocalLambdaGateway;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.local.MotoServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the handlers run against in these tests, once per JVM: moto behind the local gateway (with the DMS gaps
 * filled), a DMS replication instance, the alert topic, the validation bucket, and one PostgreSQL cluster whose
 * databases play source and target. {@link #pointAt} moves a sample event's migration onto them.
 */
final class LocalCloud {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static LocalCloud instance;

    final DmsGaps dms = new DmsGaps();
    final AwsClients aws;
    final LocalPostgres postgres;
    final String instanceArn;
    final String topicArn;
    final String validationBucket = "dms-runbook-validation-handlers";
    final String reportBucket = "dms-runbook-reports-handlers";
    private final LocalLambdaGateway gateway;

    private LocalCloud() {
        gateway = LocalLambdaGateway.start();
        MotoServer moto = MotoServer.start(gateway.port());
        gateway.forwardTo(moto.endpoint());
        gateway.addInterceptor(dms);
        aws = new AwsClients(AwsSettings.emulator(gateway.endpoint()));
        postgres = LocalPostgres.startLogicalSource("handlers");
        instanceArn = aws.dms().createReplicationInstance(b -> b.replicationInstanceIdentifier("handlers-instance")
                .replicationInstanceClass("dms.t3.medium").allocatedStorage(50)).replicationInstance().replicationInstanceArn();
        topicArn = aws.sns().createTopic(b -> b.name("dms-runbook-alerts-handlers")).topicArn();
        aws.s3().createBucket(b -> b.bucket(validationBucket));
        aws.s3().createBucket(b -> b.bucket(reportBucket));
    }

    static synchronized LocalCloud get() {
        if (instance == null) {
            instance = new LocalCloud();
        }
        return instance;
    }

    /** The environment template.yaml gives a function, pointing at this emulation. */
    Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", gateway.endpoint().toString(), "AWS_REGION", "us-east-1", "DMS_RUNBOOK_EMULATED", "true",
                "ALERT_TOPIC_ARN", topicArn, "VALIDATION_BUCKET", validationBucket, "REPORT_BUCKET", reportBucket);
    }

    /** A fresh database with {@code sql} run in it. */
    String database(String purpose, String sql) {
        String name = purpose + "_" + NAMES.incrementAndGet();
        postgres.createDatabase(name);
        if (!sql.isEmpty()) {
            postgres.execute(name, sql);
        }
        return name;
    }

    /**
     * The sample event's migration, renamed {@code migrationId}, moved onto the local source and target databases with
     * secrets of their own, the local replication instance and the local alert topic; polls every second.
     */
    ObjectNode pointAt(ObjectNode event, String migrationId, String sourceDatabase, String targetDatabase) {
        ObjectNode spec = SampleEvents.spec(event);
        spec.put("migrationId", migrationId).put("alertTopicArn", topicArn);
        local((ObjectNode) spec.get("source"), migrationId + "-source", sourceDatabase);
        local((ObjectNode) spec.get("target"), migrationId + "-target", targetDatabase);
        ((ObjectNode) spec.get("dms")).put("replicationInstanceArn", instanceArn);
        ((ObjectNode) spec.get("thresholds")).put("pollIntervalSeconds", 1).put("cdcLatencySeconds", 1);
        return event;
    }

    /** The first column of every row {@code sql} returns in {@code database}, joined by commas. */
    String query(String database, String sql) {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            StringJoiner values = new StringJoiner(",");
            while (rows.next()) {
                values.add(String.valueOf(rows.getString(1)));
            }
            return values.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " in " + database + ": " + e.getMessage(), e);
        }
    }

    /** The state's field replaced by a handler's answer, as the state machine's ResultPath does. */
    static ObjectNode withResult(ObjectNode event, String field, JsonNode result) {
        ((ObjectNode) event.get("state")).set(field, result);
        return event;
    }

    private void local(ObjectNode endpoint, String secretName, String database) {
        String secret = Json.write(Map.of("username", LocalPostgres.SUPERUSER, "password", LocalPostgres.PASSWORD,
                "host", postgres.host(), "port", postgres.port()));
        String arn;
        try {
            arn = aws.secretsManager().createSecret(b -> b.name("dms-runbook/" + secretName).secretString(secret)).arn();
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException e) {
            arn = aws.secretsManager().putSecretValue(b -> b.secretId("dms-runbook/" + secretName).secretString(secret)).arn();
        }
        endpoint.put("host", postgres.host()).put("port", postgres.port()).put("database", database).put("sslMode", "none")
                .put("secretArn", arn);
    }
}
