package dmsrunbook.spec;

import java.util.Map;

/**
 * What the deployed stack's functions may reach, as its template grants it: resources of its region and account,
 * secrets whose names start with {@code SecretNamePrefix}, alert topics starting with {@code AlertTopicNamePrefix} and
 * roles starting with {@code PassRoleNamePrefix}. A spec naming anything else validates today and fails hours later
 * with AccessDenied, so the reader refuses it up front, naming the prefix. The functions' environment tells the scope
 * ({@code AWS_REGION}, {@code STACK_ACCOUNT_ID}, {@code SECRET_NAME_PREFIX}, {@code ALERT_TOPIC_NAME_PREFIX},
 * {@code PASS_ROLE_NAME_PREFIX}, and {@code AI_ASSIST_MODEL_ID}: the one Bedrock model it may invoke, none when empty); where
 * it does not (the CLI's {@code validate}), {@link #UNKNOWN} checks none of it.
 */
public record StackScope(String region, String account, String secretNamePrefix, String alertTopicNamePrefix, String passRoleNamePrefix,
                         String aiAssistModelId) {

    public static final String AI_ASSIST_MODEL_VARIABLE = "AI_ASSIST_MODEL_ID";

    public StackScope(String region, String account, String secretNamePrefix, String alertTopicNamePrefix, String passRoleNamePrefix) {
        this(region, account, secretNamePrefix, alertTopicNamePrefix, passRoleNamePrefix, null);
    }

    /** The environment variables template.yaml sets for the scope (AWS_REGION is Lambda's own). */
    public static final String ACCOUNT_VARIABLE = "STACK_ACCOUNT_ID";
    public static final String SECRET_PREFIX_VARIABLE = "SECRET_NAME_PREFIX";
    public static final String ALERT_TOPIC_PREFIX_VARIABLE = "ALERT_TOPIC_NAME_PREFIX";
    public static final String PASS_ROLE_PREFIX_VARIABLE = "PASS_ROLE_NAME_PREFIX";

    /** No stack known: ARNs are checked for their shape only. */
    public static final StackScope UNKNOWN = new StackScope(null, null, null, null, null);

    public static StackScope from(Map<String, String> env) {
        String account = blankToNull(env.get(ACCOUNT_VARIABLE));
        if (account == null) {
            return UNKNOWN;
        }
        return new StackScope(blankToNull(env.get("AWS_REGION")), account, blankToNull(env.get(SECRET_PREFIX_VARIABLE)),
                blankToNull(env.get(ALERT_TOPIC_PREFIX_VARIABLE)), blankToNull(env.get(PASS_ROLE_PREFIX_VARIABLE)),
                blankToNull(env.get(AI_ASSIST_MODEL_VARIABLE)));
    }

    /** Whether this scope checks anything. */
    public boolean known() {
        return account != null;
    }

    /** Records a problem when {@code secretArn} (already a well-formed secret ARN) is outside the secrets the stack may read. */
    void checkSecret(String path, String secretArn, SpecProblems problems) {
        check(path, secretArn, "secret:", secretNamePrefix, "secret names", "SecretNamePrefix", problems);
    }

    void checkAlertTopic(String path, String topicArn, SpecProblems problems) {
        check(path, topicArn, "", alertTopicNamePrefix, "topic names", "AlertTopicNamePrefix", problems);
    }

    void checkRole(String path, String roleArn, SpecProblems problems) {
        check(path, roleArn, "role/", passRoleNamePrefix, "role names", "PassRoleNamePrefix", problems);
    }

    /** Records a problem when the stack may not invoke {@code modelId} (its AiAssistModelId names another, or none). */
    void checkAiAssistModel(String path, String modelId, SpecProblems problems) {
        if (modelId == null || !known() || problems.hasProblemAt(path) || modelId.equals(aiAssistModelId)) {
            return;
        }
        problems.add(path, aiAssistModelId == null ? "names a Bedrock model, but the stack may invoke none"
                        : "is not the Bedrock model the stack may invoke (" + aiAssistModelId + ")",
                "use \"" + (aiAssistModelId == null ? "<the stack's model>" : aiAssistModelId) + "\", or deploy the stack with AiAssistModelId set to this model");
    }

    /** A regional resource the stack uses in place (a DMS replication instance or endpoint): its region and account only. */
    void checkRegional(String path, String arn, SpecProblems problems) {
        check(path, arn, "", null, null, null, problems);
    }

    private void check(String path, String arn, String resourceType, String namePrefix, String what, String parameter,
                       SpecProblems problems) {
        if (arn == null || !known() || problems.hasProblemAt(path)) {
            return;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return;
        }
        boolean global = parts[2].equals("iam");
        if (!global && region != null && !parts[3].equals(region)) {
            problems.add(path, "is in another region than the stack (" + region + ")",
                    "use a resource in " + region + ": the stack's functions and DMS reach no other region");
            return;
        }
        if (!parts[4].equals(account)) {
            problems.add(path, "is in another account than the stack (" + account + ")",
                    "use a resource of account " + account + ": the stack's roles reach no other account");
            return;
        }
        String resource = parts[5];
        if (namePrefix != null && !(resource.startsWith(resourceType) && resource.substring(resourceType.length()).startsWith(namePrefix))) {
            problems.add(path, "is outside the stack's " + what + " (they must start with \"" + namePrefix + "\")",
                    "use one whose name starts with \"" + namePrefix + "\", or deploy the stack with another " + parameter);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
