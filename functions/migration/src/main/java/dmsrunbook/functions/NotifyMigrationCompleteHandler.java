package dmsrunbook.functions;

import dmsrunbook.aws.AwsClients;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.report.CompletionNotices;
import dmsrunbook.report.CompletionRequest;
import dmsrunbook.report.CompletionSent;
import dmsrunbook.report.MigrationReports;
import dmsrunbook.workflow.RunbookSettings;
import java.util.Map;

/**
 * The end of a successful migration: its report written to the report bucket, then the completion notice with the
 * closing summary, the report's link and its SHA-256 (which the execution's output keeps too).
 */
public final class NotifyMigrationCompleteHandler extends PhaseHandler<CompletionRequest, CompletionSent> {

    private final CompletionNotices notices;

    public NotifyMigrationCompleteHandler() {
        this(System.getenv());
    }

    public NotifyMigrationCompleteHandler(Map<String, String> environment) {
        super(CompletionRequest.class);
        AwsClients aws = new AwsClients(AwsSettings.from(environment));
        this.notices = new CompletionNotices(aws.sns(), MigrationReports.from(aws, environment), RunbookSettings.from(environment).alertTopicArn());
    }

    @Override
    protected CompletionSent handle(CompletionRequest request) {
        return notices.publish(request);
    }

    @Override
    protected String executionId(CompletionRequest request) {
        return request.executionId();
    }
}
