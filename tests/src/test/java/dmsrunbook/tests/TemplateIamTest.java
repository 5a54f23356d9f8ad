package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.deploy.CfnYaml;
import dmsrunbook.engine.dms.DmsTags;
import dmsrunbook.rehearsal.ProjectRoot;
import dmsrunbook.spec.StackScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml lets the functions do, read from the template: DMS actions that change or stop a task or endpoint
 * hold only for resources tagged with this stack (the tag the engine puts on what it creates), so whoever may start
 * an execution cannot stop another team's DMS task; the execution history readable is this state machine's only.
 */
class TemplateIamTest {

    private static final Map<String, Object> TEMPLATE = CfnYaml.read(ProjectRoot.find().resolve("template.yaml"));

    /** Actions that create, change, start, stop or delete DMS tasks and endpoints, or tag them. */
    private static final Set<String> GUARDED = Set.of("dms:StartReplicationTask", "dms:StopReplicationTask", "dms:ModifyReplicationTask",
            "dms:DeleteReplicationTask", "dms:CreateEndpoint", "dms:ModifyEndpoint", "dms:DeleteEndpoint", "dms:AddTagsToResource");

    @Test
    void everyDmsActionThatChangesATaskOrEndpoint_holdsOnlyForResourcesTaggedWithThisStack() {
        List<Map<String, Object>> guarded = statements().stream().filter(s -> actions(s).stream().anyMatch(GUARDED::contains)).toList();

        assertThat(guarded).as("the template grants them somewhere").isNotEmpty();
        assertThat(guarded).allSatisfy(statement -> assertThat(stackTagCondition(statement))
                .as("%s is conditioned on the %s tag being ${AWS::StackName}", statement, DmsTags.STACK).isTrue());
    }

    @Test
    void createReplicationTask_onTasks_requiresTheStackTagInTheRequest() {
        List<Map<String, Object>> onTasks = statements().stream()
                .filter(s -> actions(s).contains("dms:CreateReplicationTask") && String.valueOf(s.get("Resource")).contains(":task:*"))
                .toList();

        assertThat(onTasks).isNotEmpty().allSatisfy(statement -> assertThat(String.valueOf(statement.get("Condition")))
                .contains("aws:RequestTag/" + DmsTags.STACK));
    }

    @Test
    void everyFunctionKnowsItsStackName_theValueOfTheTag() {
        Map<String, Object> globals = map(map(map(TEMPLATE, "Globals"), "Function"), "Environment");

        assertThat(map(globals, "Variables").get("STACK_NAME")).isEqualTo(Map.of("Ref", "AWS::StackName"));
    }

    @Test
    void everyFunctionKnowsWhatTheStackMayReach_soTheSpecIsCheckedAgainstIt() {
        Map<String, Object> variables = map(map(map(map(TEMPLATE, "Globals"), "Function"), "Environment"), "Variables");

        assertThat(variables).containsEntry(StackScope.ACCOUNT_VARIABLE, Map.of("Ref", "AWS::AccountId"))
                .containsEntry(StackScope.SECRET_PREFIX_VARIABLE, Map.of("Ref", "SecretNamePrefix"))
                .containsEntry(StackScope.ALERT_TOPIC_PREFIX_VARIABLE, Map.of("Ref", "AlertTopicNamePrefix"))
                .containsEntry(StackScope.PASS_ROLE_PREFIX_VARIABLE, Map.of("Ref", "PassRoleNamePrefix"))
                .containsEntry(StackScope.AI_ASSIST_MODEL_VARIABLE, Map.of("Ref", "AiAssistModelId"));
    }

    @Test
    void bedrock_isInvokedByTheProposalFunctionOnly_onTheStacksModelOnly_andOnlyWhenOneIsSet() {
        Map<String, Object> resources = map(TEMPLATE, "Resources");
        List<String> callers = new ArrayList<>();
        resources.forEach((name, resource) -> {
            List<Map<String, Object>> found = new ArrayList<>();
            collect(resource, found);
            if (found.stream().anyMatch(st -> actions(st).stream().anyMatch(a -> a.startsWith("bedrock:")))) {
                callers.add(name);
            }
        });
        assertThat(callers).containsExactly("ProposeConversionsFunction");

        List<Map<String, Object>> bedrock = statements().stream().filter(st -> actions(st).stream().anyMatch(a -> a.startsWith("bedrock:"))).toList();
        assertThat(bedrock).singleElement().satisfies(st -> {
            assertThat(actions(st)).containsExactly("bedrock:InvokeModel");
            assertThat(String.valueOf(st.get("Resource"))).contains("foundation-model/${AiAssistModelId}", "inference-profile/${AiAssistModelId}")
                    .doesNotContain("foundation-model/*", "\"*\"");
        });
        // The grant exists only when the stack names a model: an If on HasAiAssistModel around it.
        String policies = String.valueOf(map(map(resources, "ProposeConversionsFunction"), "Properties").get("Policies"));
        assertThat(policies).contains("HasAiAssistModel");
    }

    @Test
    void executionHistory_isReadableForThisStateMachinesExecutionsOnly() {
        List<Map<String, Object>> history = statements().stream().filter(s -> actions(s).contains("states:GetExecutionHistory")).toList();

        assertThat(history).isNotEmpty().allSatisfy(statement -> assertThat(String.valueOf(statement.get("Resource")))
                .contains(":execution:${MigrationStateMachine.Name}:*"));
    }

    @Test
    void lakeFunctionsOwnRole_mayWriteTraces_sinceTracingIsActive() {
        Map<String, Object> globals = map(map(TEMPLATE, "Globals"), "Function");
        assertThat(globals.get("Tracing")).isEqualTo("Active");

        Map<String, Object> role = map(map(map(TEMPLATE, "Resources"), "CompactDmsChangesRole"), "Properties");
        assertThat(String.valueOf(role)).contains("xray:PutTraceSegments", "xray:PutTelemetryRecords");
    }

    /**
     * Every phase function but the spec's validation, the completion notice and the alert may connect to the databases (the native engine has
     * no DMS in between, even for the connection tests and the sync check): each reads the endpoints' secrets, runs in
     * the VPC when one is given, and may decrypt the secrets with their customer-managed key.
     */
    @Test
    void everyFunctionThatConnectsToTheDatabases_readsTheSecrets_runsInTheVpc_andMayDecryptWithTheSecretsKey() {
        Map<String, Object> resources = map(TEMPLATE, "Resources");
        Set<String> noDatabase = Set.of("ValidateMigrationSpecFunction", "NotifyMigrationCompleteFunction", "AlertOnCallFunction");
        List<String> phases = resources.entrySet().stream()
                .filter(e -> e.getValue() instanceof Map<?, ?> r && "AWS::Serverless::Function".equals(r.get("Type")))
                .map(Map.Entry::getKey)
                .filter(name -> String.valueOf(map(map(resources, name), "Properties").get("Handler")).startsWith("dmsrunbook.functions."))
                .filter(name -> !noDatabase.contains(name))
                .toList();
        String decryptRoles = String.valueOf(map(map(resources, "DecryptEndpointSecretsWithTheirKey"), "Properties").get("Roles"));

        assertThat(phases).hasSizeGreaterThan(10).allSatisfy(name -> {
            Map<String, Object> properties = map(map(resources, name), "Properties");
            assertThat(String.valueOf(properties.get("Policies"))).as(name).contains("secretsmanager:GetSecretValue");
            assertThat(properties).as(name).containsKey("VpcConfig");
            assertThat(decryptRoles).as(name).contains(name + "Role");
        });
    }

    private static boolean stackTagCondition(Map<String, Object> statement) {
        if (!(statement.get("Condition") instanceof Map<?, ?> condition) || !(condition.get("StringEquals") instanceof Map<?, ?> equals)) {
            return false;
        }
        Object resourceTag = equals.get("aws:ResourceTag/" + DmsTags.STACK);
        Object requestTag = equals.get("aws:RequestTag/" + DmsTags.STACK);
        Map<String, String> stackName = Map.of("Ref", "AWS::StackName");
        return stackName.equals(resourceTag) || stackName.equals(requestTag);
    }

    /** Every policy statement of the template: functions' and state machine's Policies, roles, managed and inline policies. */
    private static List<Map<String, Object>> statements() {
        List<Map<String, Object>> found = new ArrayList<>();
        collect(TEMPLATE.get("Resources"), found);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Map<String, Object>> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Action") && map.containsKey("Effect")) {
                found.add((Map<String, Object>) map);
                return;
            }
            map.values().forEach(value -> collect(value, found));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, found));
        }
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(action));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) parent.get(key);
    }
}
