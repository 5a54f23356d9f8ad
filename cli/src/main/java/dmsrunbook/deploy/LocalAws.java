package dmsrunbook.deploy;

import dmsrunbook.aws.AwsClients;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.local.BedrockStandIn;
import dmsrunbook.local.DmsGaps;
import dmsrunbook.local.LocalLambdaGateway;
import dmsrunbook.local.MotoServer;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulated AWS of the rehearsal and the tests: moto behind the local gateway (which runs the Java handlers and
 * fills moto's DMS gaps), and SDK clients pointing at it.
 */
public final class LocalAws implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = AwsSettings.DEFAULT_REGION;

    private final LocalLambdaGateway gateway;
    private final MotoServer moto;
    private final DmsGaps dmsGaps;
    private final BedrockStandIn bedrock;
    private final AwsClients clients;
    private final SqsClient sqs;
    private final S3Client s3;
    private final GlueClient glue;
    private final java.util.List<AutoCloseable> attached = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LocalAws(LocalLambdaGateway gateway, MotoServer moto, DmsGaps dmsGaps, BedrockStandIn bedrock) {
        this.gateway = gateway;
        this.bedrock = bedrock;
        this.moto = moto;
        this.dmsGaps = dmsGaps;
        this.clients = new AwsClients(AwsSettings.emulator(gateway.endpoint()));
        this.sqs = clients.configure(SqsClient.builder()).build();
        this.s3 = clients.configure(S3Client.builder()).forcePathStyle(true).build();
        this.glue = clients.configure(GlueClient.builder()).build();
    }

    public static LocalAws start() {
        LocalLambdaGateway gateway = LocalLambdaGateway.start();
        MotoServer moto = MotoServer.start(gateway.port());
        gateway.forwardTo(moto.endpoint());
        DmsGaps gaps = new DmsGaps();
        gateway.addInterceptor(gaps);
        // moto's bedrock-runtime has no Converse: the emulated model answers it (see BedrockStandIn).
        BedrockStandIn bedrock = new BedrockStandIn();
        gateway.addInterceptor(bedrock);
        return new LocalAws(gateway, moto, gaps, bedrock);
    }

    /** The environment a deployed function sees: every AWS client it builds goes to this emulation. */
    public Map<String, String> functionEnvironment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint().toString(), "AWS_REGION", REGION, "DMS_RUNBOOK_EMULATED", "true");
    }

    public URI endpoint() {
        return gateway.endpoint();
    }

    public LocalLambdaGateway gateway() {
        return gateway;
    }

    public DmsGaps dmsGaps() {
        return dmsGaps;
    }

    /** The emulated model answering Bedrock's Converse API. */
    public BedrockStandIn bedrock() {
        return bedrock;
    }

    public AwsClients clients() {
        return clients;
    }

    public SfnClient sfn() {
        return clients.sfn();
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public GlueClient glue() {
        return glue;
    }

    /** Closes {@code resource} (a poller of a deployed function, say) with the emulation. */
    void attach(AutoCloseable resource) {
        attached.add(resource);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : attached) {
            try {
                resource.close();
            } catch (Exception e) {
                // Closing the emulation anyway.
            }
        }
        moto.close();
        gateway.close();
    }
}
