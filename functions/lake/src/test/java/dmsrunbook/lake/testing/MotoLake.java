package dmsrunbook.lake.testing;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.aws.AwsClientFactory;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.lake.CompactDmsChangesHandler;
import dmsrunbook.lake.LakeServices;
import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.commit.CommitFaults;
import dmsrunbook.lake.commit.TableManifest;
import dmsrunbook.lake.quarantine.SnsAlertPublisher;
import dmsrunbook.local.FreePorts;
import dmsrunbook.local.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The lake's AWS side on one moto server: a DMS bucket whose ObjectCreated notifications for the DMS folder go to
 * an SQS queue (which the lake also hands its continuations to; a dead-letter queue on request), a Glue database, an
 * SNS alert topic with an SQS subscriber to read alerts from, and the lake handler wired to them. {@link #drain} plays Lambda's SQS event source mapping: it polls the queue, calls the
 * handler with the batch and deletes what the handler did not report as failed.
 */
public final class MotoLake implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final com.fasterxml.jackson.databind.ObjectMapper MANIFESTS = new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final MotoServer moto;
    public final S3Client s3;
    public final SqsClient sqs;
    public final GlueClient glue;
    public final SnsClient sns;

    public MotoLake() {
        moto = MotoServer.start(FreePorts.next());
        AwsClientFactory clients = new AwsClientFactory(AwsSettings.emulator(moto.endpoint()));
        s3 = clients.configure(S3Client.builder()).forcePathStyle(true).build();
        sqs = clients.configure(SqsClient.builder()).build();
        glue = clients.configure(GlueClient.builder()).build();
        sns = clients.configure(SnsClient.builder()).build();
    }

    /**
     * Waits into the next whole second. S3 keeps write times in whole seconds, and the lake tells a reload's files
     * from earlier ones by them: DMS's steps are minutes apart, a test's must be at least a second.
     */
    public static void nextSecond() throws InterruptedException {
        Thread.sleep(1_050 - System.currentTimeMillis() % 1_000);
    }

    /** A fresh bucket, queue, database and topic, named uniquely. */
    public Stack newStack(DmsEndpointShape shape, String tables) {
        return newStack(shape, tables, Map.of());
    }

    /** A fresh stack whose lake function also gets {@code environment} (over the defaults below). */
    public Stack newStack(DmsEndpointShape shape, String tables, Map<String, String> environment) {
        int n = NEXT.incrementAndGet();
        String bucket = "dms-target-" + n;
        s3.createBucket(b -> b.bucket(bucket));
        String queueUrl = sqs.createQueue(b -> b.queueName("lake-" + n)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        // As template.yaml: Parquet files, and DMS CSV output so that the lake can say it cannot read it.
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c.queueConfigurations(
                Stream.of(".parquet", ".csv", ".csv.gz").map(suffix -> QueueConfiguration.builder()
                        .queueArn(queueArn).events(Event.S3_OBJECT_CREATED)
                        // moto accepts only the lower-case rule names (AWS takes either).
                        .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value(shape.folder() + "/"),
                                r -> r.name("suffix").value(suffix)))).build()).toList())));
        String database = "lake_" + n;
        glue.createDatabase(b -> b.databaseInput(d -> d.name(database)));
        String topicArn = sns.createTopic(b -> b.name("lake-alerts-" + n)).topicArn();
        String alertsUrl = sqs.createQueue(b -> b.queueName("lake-alerts-" + n)).queueUrl();
        String alertsArn = sqs.getQueueAttributes(b -> b.queueUrl(alertsUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(alertsArn).attributes(Map.of("RawMessageDelivery", "true")));
        Map<String, String> env = new HashMap<>();
        env.put("LAKE_BUCKET", bucket);
        env.put("DMS_FOLDER", shape.folder());
        env.put("DMS_DATE_PARTITION_SEQUENCE", shape.partitioning().sequence());
        env.put("DMS_DATE_PARTITION_DELIMITER", shape.partitioning().delimiter());
        env.put("LAKE_TABLES", tables);
        env.put("LAKE_GLUE_DATABASE", database);
        env.put("LAKE_ALERT_TOPIC_ARN", topicArn);
        env.put("LAKE_GARBAGE_GRACE_MINUTES", "0");
        env.put("LAKE_MERGE_FAN_IN", "4");
        env.put("LAKE_STATE_BUCKETS", "2");
        env.put("LAKE_QUEUE_URL", queueUrl);
        env.putAll(environment);
        return new Stack(LakeSettings.from(env), queueUrl, alertsUrl);
    }

    /** One isolated lake on the shared moto server. */
    public final class Stack {
        public final LakeSettings settings;
        public final String queueUrl;
        public final String alertsUrl;

        Stack(LakeSettings settings, String queueUrl, String alertsUrl) {
            this.settings = settings;
            this.queueUrl = queueUrl;
            this.alertsUrl = alertsUrl;
        }

        public String bucket() {
            return settings.bucket();
        }

        public CompactDmsChangesHandler handler(CommitFaults faults) {
            return handler(faults, Clock.systemUTC());
        }

        /** The lake function reading time from {@code clock} (for retention stories). */
        public CompactDmsChangesHandler handler(CommitFaults faults, Clock clock) {
            LakeServices services = new LakeServices(settings, s3, glue, sqs, new SnsAlertPublisher(sns,
                    settings.alertTopicArn().orElseThrow()), faults, clock);
            return new CompactDmsChangesHandler(services.ingestService());
        }

        /**
         * Gives the lake's queue a dead-letter queue, as template.yaml does: a message received more than
         * {@code maxReceiveCount} times moves there. Returns the dead-letter queue's URL.
         */
        public String withDeadLetterQueue(int maxReceiveCount) {
            String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1) + "-dlq";
            String dlqUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}")));
            return dlqUrl;
        }

        /** Messages waiting on the queue at {@code url} (visible or not), as SQS approximates them. */
        public int messagesOn(String url) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }

        /** The same stack with the lake function's settings changed (what no environment variable reaches). */
        public Stack withSettings(java.util.function.UnaryOperator<LakeSettings> change) {
            return new Stack(change.apply(settings), queueUrl, alertsUrl);
        }

        /** The table's committed manifest. */
        public TableManifest manifest(SourceTable table) throws IOException {
            return MANIFESTS.readValue(text(settings.paths().manifest(table.schema(), table.table())), TableManifest.class);
        }

        /**
         * Deletes every object of the table's DMS folder, as DMS does for a source TRUNCATE (or before a reload), and
         * returns the notifications S3 sends for it, made by {@code principal}.
         */
        public List<SQSEvent.SQSMessage> clearTableFolder(SourceTable table, String principal) {
            List<SQSEvent.SQSMessage> notices = new ArrayList<>();
            for (String key : keys(settings.dms().prefix() + table.schema() + "/" + table.table() + "/")) {
                s3.deleteObject(b -> b.bucket(bucket()).key(key));
                notices.add(removalNotice(key, java.time.Instant.now(), principal));
            }
            return notices;
        }

        /** An SQS message carrying S3's notification that {@code key} was removed by {@code principal} at {@code at}. */
        public SQSEvent.SQSMessage removalNotice(String key, java.time.Instant at, String principal) {
            String body = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventTime\":\"" + at
                    + "\",\"eventName\":\"ObjectRemoved:Delete\",\"userIdentity\":{\"principalId\":\"" + principal
                    + "\"},\"s3\":{\"bucket\":{\"name\":\"" + bucket() + "\"},\"object\":{\"key\":\""
                    + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8) + "\",\"sequencer\":\"00" + at.toEpochMilli()
                    + "\"}}}]}";
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(java.util.UUID.randomUUID().toString());
            message.setReceiptHandle("removal-" + message.getMessageId());
            message.setBody(body);
            message.setEventSource("aws:sqs");
            return message;
        }

        /**
         * An SQS message carrying an S3 ObjectCreated notification of the key written as {@code keyAsSent} (S3 sends keys
         * URL-encoded; a hand-made message may not), as someone other than S3 could put on the queue.
         */
        public SQSEvent.SQSMessage handMadeCreationNotice(String keyAsSent) {
            String body = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventTime\":\""
                    + java.time.Instant.now() + "\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket()
                    + "\"},\"object\":{\"key\":\"" + keyAsSent + "\",\"eTag\":\"0123456789abcdef0123456789abcdef\"}}}]}";
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(java.util.UUID.randomUUID().toString());
            message.setReceiptHandle("hand-made-" + message.getMessageId());
            message.setBody(body);
            message.setEventSource("aws:sqs");
            return message;
        }

        /** Uploads generated files as DMS would (in order). */
        public void upload(List<GeneratedFile> files) {
            for (GeneratedFile file : files) {
                s3.putObject(b -> b.bucket(bucket()).key(file.key()), RequestBody.fromFile(file.file()));
            }
        }

        /** Every message now on the queue, received once and deleted (for tests that redeliver them themselves). */
        public List<SQSEvent.SQSMessage> takeAllMessages() {
            List<SQSEvent.SQSMessage> all = new ArrayList<>();
            for (int empty = 0; empty < 2; ) {
                List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (received.isEmpty()) {
                    empty++;
                    continue;
                }
                empty = 0;
                for (Message message : received) {
                    all.add(toLambda(message));
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            }
            return all;
        }

        /**
         * Polls the queue like Lambda's event source mapping (batches of up to 10), calls the handler, deletes the
         * messages it did not report failed, and makes failed ones visible again at once; stops when the queue stays
         * empty. Returns how many handler calls it took.
         */
        public int drain(CompactDmsChangesHandler handler, int maxCalls) {
            return drain(handler, maxCalls, 900_000);
        }

        /** {@link #drain(CompactDmsChangesHandler, int)}, each call told {@code remainingMillis} are left before Lambda stops it. */
        public int drain(CompactDmsChangesHandler handler, int maxCalls, int remainingMillis) {
            int calls = 0;
            for (int empty = 0; empty < 2 && calls < maxCalls; ) {
                List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                        .visibilityTimeout(60)).messages();
                if (received.isEmpty()) {
                    empty++;
                    continue;
                }
                empty = 0;
                SQSEvent event = new SQSEvent();
                event.setRecords(received.stream().map(MotoLake::toLambda).toList());
                SQSBatchResponse response = handler.handleRequest(event, TestLambdaContext.create(remainingMillis));
                calls++;
                Set<String> failed = new HashSet<>();
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
                for (Message message : received) {
                    if (failed.contains(message.messageId())) {
                        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    } else {
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
            }
            return calls;
        }

        /** Alert messages published so far. */
        public List<String> alerts() {
            List<String> bodies = new ArrayList<>();
            for (int empty = 0; empty < 2; ) {
                List<Message> received = sqs.receiveMessage(b -> b.queueUrl(alertsUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (received.isEmpty()) {
                    empty++;
                    continue;
                }
                for (Message message : received) {
                    bodies.add(message.body());
                    sqs.deleteMessage(b -> b.queueUrl(alertsUrl).receiptHandle(message.receiptHandle()));
                }
            }
            return bodies;
        }

        public List<String> keys(String prefix) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().stream().map(o -> o.key()).toList();
        }

        public String text(String key) {
            return s3.getObjectAsBytes(b -> b.bucket(bucket()).key(key)).asUtf8String();
        }

        /** The rows of every data file a symlink manifest lists, in listed order. */
        public List<Map<String, Object>> rowsBehind(String symlinkKey, Path work) throws IOException {
            List<Map<String, Object>> rows = new ArrayList<>();
            String listing = text(symlinkKey);
            for (String uri : listing.split("\n")) {
                if (uri.isBlank()) {
                    continue;
                }
                String key = uri.substring(("s3://" + bucket() + "/").length());
                Path local = Files.createTempFile(work, "data-", ".parquet");
                Files.delete(local);
                s3.getObject(b -> b.bucket(bucket()).key(key), local);
                rows.addAll(LakeRows.read(local));
            }
            return rows;
        }
    }

    static SQSEvent.SQSMessage toLambda(Message message) {
        SQSEvent.SQSMessage lambda = new SQSEvent.SQSMessage();
        lambda.setMessageId(message.messageId());
        lambda.setReceiptHandle(message.receiptHandle());
        lambda.setBody(message.body());
        lambda.setEventSource("aws:sqs");
        return lambda;
    }

    @Override
    public void close() {
        moto.close();
    }
}
