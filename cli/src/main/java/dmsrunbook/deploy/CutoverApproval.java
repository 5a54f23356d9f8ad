package dmsrunbook.deploy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The cutover approval the workflow waits for: the task token its SNS request carries (the state machine's
 * {@code RequestCutoverApproval} writes it on a line "Task token: ..."), and the answer sent back with it.
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

    public static void approve(SfnClient sfn, String taskToken, String approvedBy) {
        sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(dmsrunbook.internal.Json.write(java.util.Map.of("approvedBy", approvedBy))));
    }

    public static void reject(SfnClient sfn, String taskToken, String cause) {
        sfn.sendTaskFailure(b -> b.taskToken(taskToken).error("CutoverRejected").cause(cause));
    }
}
