package dmsrunbook.lake;

import dmsrunbook.aws.AwsClientFactory;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.lake.catalog.GlueCatalog;
import dmsrunbook.lake.commit.CommitFaults;
import dmsrunbook.lake.commit.ManifestStore;
import dmsrunbook.lake.commit.S3Store;
import dmsrunbook.lake.commit.TableIngestor;
import dmsrunbook.lake.commit.TablePublisher;
import dmsrunbook.lake.events.ContinuationSender;
import dmsrunbook.lake.events.SqsContinuationSender;
import dmsrunbook.lake.quarantine.AlertPublisher;
import dmsrunbook.lake.quarantine.Quarantine;
import dmsrunbook.lake.quarantine.SnsAlertPublisher;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Wires the lake's services from settings and AWS clients; the tests wire the same with moto and fault hooks. */
public final class LakeServices {

    private final LakeSettings settings;
    private final S3Store store;
    private final Quarantine quarantine;
    private final TableIngestor ingestor;
    private final Optional<ContinuationSender> handOff;

    /** The services on these clients; {@code sqs} sends continuations when {@code LAKE_QUEUE_URL} is set. */
    public LakeServices(LakeSettings settings, S3Client s3, GlueClient glue, SqsClient sqs, AlertPublisher alerts, CommitFaults faults,
                        Clock clock) {
        this.settings = settings;
        this.handOff = settings.queueUrl().map(url -> new SqsContinuationSender(sqs, url));
        this.store = new S3Store(s3, settings.bucket());
        this.quarantine = new Quarantine(store, settings.paths(), alerts, faults);
        TablePublisher publisher = new TablePublisher(store, settings.paths());
        GlueCatalog catalog = new GlueCatalog(glue, settings.glueDatabase(), store, settings.paths());
        this.ingestor = new TableIngestor(new TableIngestor.Services(store, new ManifestStore(store, settings.paths()), publisher, catalog,
                quarantine), settings, faults, clock);
    }

    /** Everything from the function's environment ({@link LakeSettings}, {@link AwsSettings}). */
    public static LakeServices fromEnvironment() {
        return from(System.getenv());
    }

    /** Everything from an explicit environment (the local deployment's, pointing at the emulated AWS). */
    public static LakeServices from(java.util.Map<String, String> environment) {
        LakeSettings settings = LakeSettings.from(environment);
        AwsClientFactory clients = new AwsClientFactory(AwsSettings.from(environment));
        // S3 path-style addressing works with emulators and real S3 alike.
        S3Client s3 = clients.configure(S3Client.builder()).forcePathStyle(clients.settings().endpoint().isPresent()).build();
        GlueClient glue = clients.configure(GlueClient.builder()).build();
        SnsClient sns = clients.configure(SnsClient.builder()).build();
        SqsClient sqs = clients.configure(SqsClient.builder()).build();
        AlertPublisher alerts = new SnsAlertPublisher(sns, settings.alertTopicArn().orElse(null));
        return new LakeServices(settings, s3, glue, sqs, alerts, CommitFaults.NONE, Clock.systemUTC());
    }

    public LakeIngestService ingestService() {
        return new LakeIngestService(settings, ingestor, quarantine, handOff);
    }

    public S3Store store() {
        return store;
    }
}
