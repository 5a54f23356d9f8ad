package dmsrunbook.tests;

import dmsrunbook.deploy.AlertInbox;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.deploy.Executions;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.rehearsal.LocalRunbook;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The runbook deployed on the local emulation for one test class ({@code @RegisterExtension static}): started before
 * its first story, closed after its last, with the on-call moves the stories share.
 */
final class LocalRunbookExtension implements BeforeAllCallback, AfterAllCallback {

    private LocalRunbook runbook;

    @Override
    public void beforeAll(ExtensionContext context) {
        runbook = LocalRunbook.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (runbook != null) {
            runbook.close();
        }
    }

    LocalRunbook get() {
        return runbook;
    }

    LocalAws aws() {
        return runbook.aws();
    }

    Executions executions() {
        return runbook.executions();
    }

    AlertInbox inbox() {
        return runbook.inbox();
    }

    /** Waits for the cutover request of {@code migrationId}, then approves it as on-call would; returns its text. */
    String approveWhenAsked(String migrationId, Duration timeout) {
        AlertInbox.Notice request = inbox().await(n -> n.subject().contains(migrationId + " is in sync"), timeout);
        String token = CutoverApproval.taskToken(request.message())
                .orElseThrow(() -> new AssertionError("the approval request carries no task token: " + request.message()));
        CutoverApproval.approve(aws().sfn(), token, "integration test");
        return request.message();
    }
}
