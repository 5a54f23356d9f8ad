package dmsrunbook.deploy;

import dmsrunbook.internal.Json;
import dmsrunbook.workflow.Approval;
import dmsrunbook.workflow.ApprovalAnswer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The cutover approval the workflow waits for: the task token its SNS request carries (the state machine's
 * {@code RequestCutoverApproval} writes it on a line "Task token: ..."), found in that message or in the execution's
 * history, and the answer sent back with it.
 */
public final class CutoverApproval {

    private static final Pattern TASK_TOKEN = Pattern.compile("Task token: ([^\\s\"\\\\]+)");

    private CutoverApproval() {
    }

    /** The task token in an approval request's text, if it is one. */
    public static Optional<String> taskToken(String message) {
        Matcher matcher = TASK_TOKEN.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The task token of the approval request {@code executionArn} sent last, read from its recent history (the
     * parameters of the scheduled SNS task), so nobody has to copy it out of an e-mail.
     *
     * @throws IllegalStateException when the execution never asked for an approval
     */
    public static String pendingTaskToken(SfnClient sfn, String executionArn) {
        return sfn.getExecutionHistory(b -> b.executionArn(executionArn).reverseOrder(true).maxResults(500)).events().stream()
                .sorted(Comparator.comparing(HistoryEvent::id).reversed())
                .filter(e -> e.taskScheduledEventDetails() != null && e.taskScheduledEventDetails().parameters() != null)
                // The parameters are JSON: the message's line breaks arrive escaped.
                .map(e -> taskToken(e.taskScheduledEventDetails().parameters().replace("\\n", "\n")))
                .flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalStateException("execution " + executionArn + " is not waiting for a cutover approval"));
    }

    /** Approves the cutover: the execution goes on, keeping who approved ({@link Approval}). */
    public static void approve(SfnClient sfn, String taskToken, String approvedBy) {
        approve(sfn, taskToken, approvedBy, List.of());
    }

    /**
     * Approves the cutover and accepts the conversion proposals named in {@code acceptedConversions} (e.g.
     * {@code procedure shop.add_order}): ApplyAcceptedConversions creates those on the target, and no other.
     */
    public static void approve(SfnClient sfn, String taskToken, String approvedBy, List<String> acceptedConversions) {
        ApprovalAnswer answer = new ApprovalAnswer(approvedBy, acceptedConversions.isEmpty() ? null : List.copyOf(acceptedConversions));
        sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(Json.write(answer)));
    }

    /** Rejects the cutover: the execution fails with {@code CutoverRejected} and alerts on-call. */
    public static void reject(SfnClient sfn, String taskToken, String cause) {
        sfn.sendTaskFailure(b -> b.taskToken(taskToken).error("CutoverRejected").cause(cause));
    }
}
