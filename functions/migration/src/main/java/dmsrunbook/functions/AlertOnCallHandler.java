package dmsrunbook.functions;

import dmsrunbook.alert.AlertSent;
import dmsrunbook.alert.FailureAlerts;
import dmsrunbook.alert.FailureNotice;
import dmsrunbook.aws.AwsClients;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.report.MigrationReports;
import dmsrunbook.workflow.RunbookSettings;
import java.util.Map;

/**
 * The failure path of every phase: the execution's report written to the report bucket, then one SNS alert with the
 * phase, the cause and its fix, the execution link and the report's.
 */
public final class AlertOnCallHandler extends PhaseHandler<FailureNotice, AlertSent> {

    private final FailureAlerts alerts;

    public AlertOnCallHandler() {
        this(System.getenv());
    }

    public AlertOnCallHandler(Map<String, String> environment) {
        super(FailureNotice.class);
        AwsClients aws = new AwsClients(AwsSettings.from(environment));
        this.alerts = new FailureAlerts(aws.sns(), aws.sfn(), RunbookSettings.from(environment).alertTopicArn(), aws.settings().region(),
                MigrationReports.from(aws, environment));
    }

    @Override
    protected AlertSent handle(FailureNotice notice) {
        return alerts.publish(notice);
    }

    @Override
    protected String executionId(FailureNotice notice) {
        return notice.executionId();
    }
}
