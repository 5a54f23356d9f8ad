package dmsrunbook.rehearsal;

import dmsrunbook.deploy.AlertInbox;
import dmsrunbook.deploy.Deployment;
import dmsrunbook.deploy.Executions;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalDeployment;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.databasemigration.model.ReplicationInstance;

/**
 * dms-runbook deployed on the local emulation: template.yaml deployed onto moto (real state machine, real
 * handlers), a DMS replication instance, and an inbox subscribed to the alert topic. What the rehearsal and the
 * integration tests start from.
 */
public final class LocalRunbook implements AutoCloseable {

    public static final String INSTANCE_IDENTIFIER = "rehearsal-instance";

    private final LocalAws aws;
    private final Deployment deployment;
    private final AlertInbox inbox;
    private final Executions executions;
    private final String replicationInstanceArn;

    private LocalRunbook(LocalAws aws, Deployment deployment, AlertInbox inbox, String replicationInstanceArn) {
        this.aws = aws;
        this.deployment = deployment;
        this.inbox = inbox;
        this.executions = new Executions(aws.sfn(), deployment.physicalId("MigrationStateMachine"));
        this.replicationInstanceArn = replicationInstanceArn;
    }

    public static LocalRunbook start() {
        return start(ProjectRoot.find());
    }

    public static LocalRunbook start(Path projectRoot) {
        return start(projectRoot, Map.of());
    }

    /** Deployed with these template parameters (e.g. AiAssistModelId), the rest at their defaults. */
    public static LocalRunbook start(Path projectRoot, Map<String, String> parameters) {
        LocalAws aws = LocalAws.start();
        try {
            Deployment deployment = LocalDeployment.deploy(aws, projectRoot.resolve("template.yaml"), parameters);
            AlertInbox inbox = AlertInbox.subscribe(aws, deployment.physicalId("AlertTopic"), "on-call-inbox");
            ReplicationInstance instance = aws.clients().dms().createReplicationInstance(b -> b
                    .replicationInstanceIdentifier(INSTANCE_IDENTIFIER).replicationInstanceClass("dms.t3.medium")
                    .allocatedStorage(50)).replicationInstance();
            return new LocalRunbook(aws, deployment, inbox, instance.replicationInstanceArn());
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    public LocalAws aws() {
        return aws;
    }

    public Deployment deployment() {
        return deployment;
    }

    public AlertInbox inbox() {
        return inbox;
    }

    public Executions executions() {
        return executions;
    }

    public String replicationInstanceArn() {
        return replicationInstanceArn;
    }

    public String alertTopicArn() {
        return deployment.physicalId("AlertTopic");
    }

    @Override
    public void close() {
        aws.close();
    }
}
