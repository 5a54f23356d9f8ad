package dmsrunbook.cli;

import dmsrunbook.deploy.CutoverApproval;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code runbook approve <execution-arn>}: approves (or rejects) the cutover the execution waits for, finding the task
 * token in the execution's history so nobody copies it out of an e-mail.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve the pending cutover of a migration execution (put the application read-only first), or reject it.")
final class ApproveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXECUTION_ARN")
    String executionArn;

    @Option(names = "--approved-by", defaultValue = "${sys:user.name}", description = "Who approves (recorded in the execution).")
    String approvedBy;

    @Option(names = "--accept", paramLabel = "NAME",
            description = "Accept this conversion proposal (schema.aiAssist), by the name the assessment report gives it, e.g. "
                    + "\"procedure shop.add_order\"; repeat for each. Only accepted proposals are applied on the target.")
    List<String> accepted = new ArrayList<>();

    @Option(names = "--reject", description = "Reject the cutover instead; the execution fails and alerts on-call.")
    boolean reject;

    @Option(names = "--cause", defaultValue = "rejected by the approver", description = "Why, when rejecting.")
    String cause;

    @picocli.CommandLine.Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        SfnClient sfn = aws.clients().sfn();
        String token = CutoverApproval.pendingTaskToken(sfn, executionArn);
        if (reject && !accepted.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--accept and --reject exclude each other: "
                    + "a rejected cutover applies nothing; drop --accept, or approve");
        }
        if (reject) {
            CutoverApproval.reject(sfn, token, cause);
            command.commandLine().getOut().println("cutover rejected");
        } else {
            CutoverApproval.approve(sfn, token, approvedBy, accepted);
            command.commandLine().getOut().println("cutover approved by " + approvedBy
                    + (accepted.isEmpty() ? "" : "; accepted conversion proposals: " + String.join(", ", accepted)));
        }
        return 0;
    }
}
