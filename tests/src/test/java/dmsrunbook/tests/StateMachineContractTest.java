package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.deploy.CfnYaml;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.error.RetryableException;
import dmsrunbook.error.RunbookException;
import dmsrunbook.internal.Json;
import dmsrunbook.rehearsal.ProjectRoot;
import dmsrunbook.spec.CutoverPolicy;
import dmsrunbook.sync.SyncCheck;
import dmsrunbook.sync.SyncStatus;
import dmsrunbook.validation.DataItemRequest;
import dmsrunbook.validation.DataValidation;
import dmsrunbook.validation.DataValidationStatus;
import dmsrunbook.workflow.Approval;
import dmsrunbook.workflow.ApprovalAnswer;
import dmsrunbook.workflow.MigrationWorkflow;
import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.WorkflowState;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What statemachine/migration.asl.json promises and the Java side must keep: the errors it names exist, the
 * placeholders are substituted, every task is retried and caught (a Map's iterations retried inside it, the Map caught),
 * no loop runs longer than a handler lets it, every value a Choice compares is one the Java side writes (spelled by one
 * Java definition), and the approval keeps only the fields {@link Approval} names.
 */
class StateMachineContractTest {

    private static final Path ROOT = ProjectRoot.find();
    private static final JsonNode ASL = Json.tree(read(ROOT.resolve("statemachine/migration.asl.json")));
    private static final Map<String, Object> TEMPLATE = CfnYaml.read(ROOT.resolve("template.yaml"));
    private static final JsonNode SCHEMA = Json.tree(read(ROOT.resolve("events/schema/migration-spec.schema.json")));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final Set<String> ALERT_PATH = Set.of("AlertOnCall", "AlertOnCallDirectly");
    /** What AWS says is worth retrying for Lambda and SNS tasks: service errors and throttling, nothing a person must fix. */
    private static final Set<String> AWS_PASSING_ERRORS = Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "SNS.ThrottledException", "SNS.InternalErrorException",
            "SNS.KMSThrottlingException");
    /** The tasks whose handlers call AWS but no database: the alert and the completion notice (both write the report). */
    private static final Set<String> AWS_ONLY_TASKS = Set.of("AlertOnCall", "NotifyMigrationComplete");
    /** The runbook's retryable errors of a handler that calls AWS but no database. */
    private static final Set<String> AWS_RETRYABLE = Set.of("dmsrunbook.error.ThrottledException", "dmsrunbook.error.AwsUnreachableException");

    /**
     * Every poll loop of the machine and what ends it: a handler that gives up (throws) after this long. A loop that
     * is not listed here has no limit of its own and would run until the machine's timeout.
     */
    private static final Map<String, Supplier<Duration>> LOOP_LIMITS = Map.of(
            "CheckEndpointConnections", () -> constant(MigrationWorkflow.class, "CONNECTION_TEST_LIMIT"),
            "StartReplication", () -> constant(MigrationWorkflow.class, "START_LIMIT"),
            "FinishTargetSchema", () -> constant(MigrationWorkflow.class, "FINISH_SCHEMA_LIMIT"),
            "CheckReplication", () -> Duration.ofSeconds(SCHEMA.at("/properties/thresholds/properties/maxWaitSeconds/maximum").asLong()),
            "CheckFinalSync", () -> Duration.ofSeconds(SyncCheck.MAX_FINAL_WAIT_SECONDS),
            "ConcludeDataValidation", () -> DataValidation.RECHECK_LIMIT,
            "StopReplication", () -> constant(MigrationWorkflow.class, "STOP_LIMIT"),
            "RunDmsPremigrationAssessment", () -> constant(MigrationWorkflow.class, "DMS_ASSESSMENT_LIMIT"),
            "ProposeConversions", () -> constant(MigrationWorkflow.class, "PROPOSALS_LIMIT"));

    /**
     * Where each Choice over a closed set (an enum or a boolean of the Java side) goes for every value Java can put
     * there. A value added on the Java side fails the test until its route is decided here.
     */
    private static final Map<String, Map<Object, String>> ROUTES = Map.ofEntries(
            Map.entry("DidPreflightWarn?", Map.of(true, "ReportPreflightWarnings", false, "AssessSchema")),
            Map.entry("DidAssessmentWarn?", Map.of(true, "ReportAssessmentWarnings", false, "ProposeConversions")),
            Map.entry("AreConversionProposalsDone?", Map.of(true, "WereConversionsProposed?", false, "ProposeConversions")),
            Map.entry("WereConversionsProposed?", Map.of(true, "ReportConversionProposals", false, "TestEndpointConnections")),
            Map.entry("AreConnectionTestsDone?", Map.of(EndpointTests.Status.TESTING, "WaitForConnectionTests",
                    EndpointTests.Status.SUCCESSFUL, "PrepareTargetSchema")),
            Map.entry("IsDmsPremigrationAssessmentDone?", Map.of(true, "DidDmsPremigrationAssessmentWarn?", false, "WaitForDmsPremigrationAssessment")),
            Map.entry("DidDmsPremigrationAssessmentWarn?", Map.of(true, "ReportDmsPremigrationAssessmentWarnings", false, "StartReplication")),
            Map.entry("HasReplicationStarted?", Map.of(true, "WaitBeforeCheckingReplication", false, "WaitForReplicationToStart")),
            Map.entry("IsReplicationInSync?", Map.of(SyncStatus.LOADING, "WaitBeforeCheckingReplication",
                    SyncStatus.SYNCING, "WaitBeforeCheckingReplication", SyncStatus.IN_SYNC, "FinishTargetSchema",
                    SyncStatus.UNREACHABLE, "WaitBeforeCheckingReplication")),
            Map.entry("IsTargetSchemaFinished?", Map.of(true, "CheckSourceSchemaBeforeApproval", false, "FinishTargetSchema")),
            Map.entry("IsDataValidated?", Map.of(DataValidationStatus.PENDING, "WaitBeforeRecheckingData",
                    DataValidationStatus.EQUAL, "IsCutoverApprovalRequired?")),
            Map.entry("IsCutoverApprovalRequired?", Map.of(CutoverPolicy.APPROVAL, "RequestCutoverApproval", CutoverPolicy.AUTO, "CheckFinalSync")),
            Map.entry("HasFinalSyncDrained?", Map.of(SyncStatus.LOADING, "WaitForFinalSync", SyncStatus.SYNCING, "WaitForFinalSync",
                    SyncStatus.IN_SYNC, "CheckSourceSchemaAtCutover", SyncStatus.UNREACHABLE, "WaitForFinalSync")),
            Map.entry("HasReplicationStopped?", Map.of(true, "NotifyMigrationComplete", false, "WaitForReplicationToStop")));

    // ------------------------------------------------------------------ values the machine compares

    @Test
    void everyValueAChoiceCompares_isAValueTheJavaSideProducesThere() {
        List<JsonNode> comparisons = new ArrayList<>();
        choices().values().forEach(choice -> choice.path("Choices").forEach(rule -> collectComparisons(rule, comparisons)));
        assertThat(comparisons).hasSizeGreaterThanOrEqualTo(ROUTES.size());

        comparisons.forEach(comparison -> {
            String variable = comparison.path("Variable").asText();
            Class<?> type = choiceType(variable);
            String operator = operator(comparison);
            JsonNode value = comparison.path(operator);
            switch (operator) {
                case "StringEquals" -> assertThat(wireValues(type)).as("what Java writes at %s (%s)", variable, type.getSimpleName())
                        .contains(value.asText());
                case "BooleanEquals" -> assertThat(type).as("the Java type at %s", variable).isIn(boolean.class, Boolean.class);
                case "IsString" -> assertThat(type).as("the Java type at %s", variable).isEqualTo(String.class);
                case "IsPresent" -> assertThat(value.asBoolean()).as("IsPresent at %s", variable).isTrue();
                default -> throw new AssertionError(operator + " at " + variable + ": teach this test what Java produces for it");
            }
        });
    }

    @Test
    void everyChoiceOverAClosedSet_routesEachValueJavaCanProduce_whereTheRunbookSays() {
        Map<String, JsonNode> closed = new LinkedHashMap<>();
        choices().forEach((name, choice) -> {
            Set<String> variables = new TreeSet<>();
            List<JsonNode> comparisons = new ArrayList<>();
            choice.path("Choices").forEach(rule -> collectComparisons(rule, comparisons));
            comparisons.forEach(c -> variables.add(c.path("Variable").asText()));
            if (variables.size() == 1 && !wireValues(choiceType(variables.iterator().next())).isEmpty()) {
                closed.put(name, choice);
            }
        });
        assertThat(closed.keySet()).as("Choices over an enum or a boolean").containsExactlyInAnyOrderElementsOf(ROUTES.keySet());

        closed.forEach((name, choice) -> {
            List<JsonNode> comparisons = new ArrayList<>();
            choice.path("Choices").forEach(rule -> collectComparisons(rule, comparisons));
            String variable = comparisons.get(0).path("Variable").asText();
            Class<?> type = choiceType(variable);
            Map<Object, String> routes = ROUTES.get(name);
            assertThat(routes.keySet()).as("values Java can put at %s (%s)", variable, type.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(values(type));
            routes.forEach((value, expected) -> assertThat(route(choice, with(variable, Json.MAPPER.valueToTree(value))))
                    .as("%s with %s = %s", name, variable, value).isEqualTo(expected));
        });
    }

    @Test
    void everyLiteralAPhaseIsPassed_isAValueItsRequestReads() {
        Map<String, String> literals = new LinkedHashMap<>();
        tasks().forEach((name, task) -> {
            if (isLambda(task)) {
                task.path("Parameters").fields().forEachRemaining(p -> {
                    if (!p.getKey().endsWith(".$")) {
                        literals.put(name + "." + p.getKey(), p.getValue().asText());
                        Class<?> type = javaType(PhaseRequest.class, "$." + p.getKey());
                        assertThat(wireValues(type)).as("%s's %s (%s)", name, p.getKey(), type.getSimpleName()).contains(p.getValue().asText());
                    }
                });
            }
        });
        assertThat(literals).containsKeys("CheckReplication.syncWait", "CheckFinalSync.syncWait", "PlanDataValidation.validationRun",
                "ConcludeDataValidation.validationRun", "PlanFinalDataValidation.validationRun", "ConcludeFinalDataValidation.validationRun");
    }

    @Test
    void everyMapIteration_isHandedTheRequestItsLambdaReads_withTheSameValidationRunAsItsPlan() {
        Map<String, JsonNode> maps = maps();
        assertThat(maps.keySet()).containsExactlyInAnyOrder("DiffDataItems", "DiffFinalDataItems");
        maps.forEach((name, map) -> {
            Set<String> fields = new TreeSet<>();
            map.path("ItemSelector").fields().forEachRemaining(f -> {
                String field = f.getKey().endsWith(".$") ? f.getKey().substring(0, f.getKey().length() - 2) : f.getKey();
                fields.add(field);
                Class<?> type = javaType(DataItemRequest.class, "$." + field);
                if (!f.getKey().endsWith(".$")) {
                    assertThat(wireValues(type)).as("%s's %s (%s)", name, field, type.getSimpleName()).contains(f.getValue().asText());
                }
            });
            assertThat(fields).as("%s hands its iterations every field of DataItemRequest", name).isEqualTo(Arrays
                    .stream(DataItemRequest.class.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new)));
            // The items and the round come from the plan (or the re-check) of the same validation.
            String field = map.path("ItemsPath").asText().replace("$.", "").replace(".items", "");
            assertThat(map.path("ItemSelector").path("round.$").asText()).isEqualTo("$." + field + ".round");
            String planner = tasks().entrySet().stream().filter(t -> t.getValue().path("ResultPath").asText().equals("$." + field)
                    && t.getValue().path("Next").asText().equals(name)).map(Map.Entry::getKey).findFirst().orElseThrow();
            assertThat(map.path("ItemSelector").path("validationRun").asText())
                    .isEqualTo(tasks().get(planner).path("Parameters").path("validationRun").asText());
            assertThat(map.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText()).isEqualTo("INLINE");
            assertThat(map.path("MaxConcurrencyPath").asText()).isEqualTo("$.spec.validation.maxConcurrency");
            // Per-item results stay out of the state: the Map keeps none of its iterations' outputs.
            assertThat(map.has("ResultPath") && map.path("ResultPath").isNull()).as("%s discards its iterations' outputs", name).isTrue();
        });
    }

    // ------------------------------------------------------------------ what the approval keeps

    @Test
    void approversAnswer_reachesTheNextPhaseAsWhoApproved_andNothingElseItCarries() {
        Set<String> approvalFields = Arrays.stream(Approval.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        JsonNode named = Json.tree("{\"approvedBy\": \"on-call engineer\", \"note\": \"read-only since 02:00\", \"password\": \"hunter2\"}");

        // WHEN on-call answers with more than who they are
        ObjectNode state = afterApproval(named);

        // THEN the state holds who approved, and none of the rest
        assertThat(state.toString()).doesNotContain("hunter2", "read-only since");
        assertThat(fieldNames(state.path("approval"))).isEqualTo(approvalFields);
        assertThat(Json.convert(state.path("approval"), Approval.class)).isEqualTo(new Approval("on-call engineer"));

        // AND an answer naming nobody (or not an object at all) goes on as approved, keeping none of it
        for (String unnamed : List.of("{\"approved\": true, \"note\": \"go\"}", "\"yes\"", "{\"approvedBy\": 42}")) {
            ObjectNode anonymous = afterApproval(Json.tree(unnamed));
            assertThat(fieldNames(anonymous.path("approval"))).as(unnamed).isEqualTo(approvalFields);
            assertThat(Json.convert(anonymous.path("approval"), Approval.class)).as(unnamed).isEqualTo(new Approval(null));
        }
    }

    @Test
    void everyRunbookErrorTheMachineNames_isAnExistingRunbookException() {
        List<String> names = errorNames().stream().filter(n -> n.startsWith("dmsrunbook.")).toList();

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(RunbookException.class.isAssignableFrom(load(name)))
                .as("%s is a RunbookException", name).isTrue());
    }

    @Test
    void retriesCoverPassingFailuresOnly_andEveryLambdaTaskRetriesEveryRetryableRunbookError() {
        Set<String> retryable = runbookExceptions().stream().filter(RetryableException.class::isAssignableFrom)
                .filter(c -> !Modifier.isAbstract(c.getModifiers())).map(Class::getName).collect(java.util.stream.Collectors.toSet());
        assertThat(retryable).contains("dmsrunbook.error.ThrottledException", "dmsrunbook.error.AwsUnreachableException",
                "dmsrunbook.error.DatabaseUnavailableException");

        allTasks().forEach((name, task) -> {
            Set<String> retried = new HashSet<>();
            task.path("Retry").forEach(retry -> retry.path("ErrorEquals").forEach(e -> retried.add(e.asText())));
            assertThat(retried).as("%s retries only what passes by itself", name).allSatisfy(error ->
                    assertThat(AWS_PASSING_ERRORS.contains(error) || retryable.contains(error)).as(error).isTrue());
            if (isLambda(task)) {
                // Every handler calls AWS; the alert's and the completion notice's touch no database.
                assertThat(retried).as("%s retries every retryable runbook error it can meet", name)
                        .containsAll(AWS_ONLY_TASKS.contains(name) ? AWS_RETRYABLE : retryable);
            }
        });
    }

    @Test
    void everyPlaceholder_hasADefinitionSubstitution_andEverySubstitutionIsUsed() {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(ASL.toString());
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }

        assertThat(substitutions().keySet()).containsExactlyInAnyOrderElementsOf(placeholders);
    }

    @Test
    void everyTask_isRetriedAndCaught_andEveryPhaseFailureEndsInTheAlert() {
        nestedTasks().forEach((name, task) -> assertThat(task.path("Retry").size()).as("%s (in a Map) has Retry", name).isPositive());
        maps().forEach((name, map) -> {
            JsonNode catchAll = map.path("Catch").get(map.path("Catch").size() - 1);
            assertThat(catchAll.path("ErrorEquals").toString()).as("%s catches everything last", name).isEqualTo("[\"States.ALL\"]");
            assertThat(catchAll.path("Next").asText()).as("%s alerts on-call", name).isEqualTo("AlertOnCall");
            assertThat(catchAll.path("ResultPath").asText()).as("%s keeps the state and adds the failure", name).isEqualTo("$.failure");
        });
        tasks().forEach((name, task) -> {
            assertThat(task.path("Retry").size()).as("%s has Retry", name).isPositive();
            assertThat(task.path("Catch").size()).as("%s has Catch", name).isPositive();
            JsonNode catchAll = task.path("Catch").get(task.path("Catch").size() - 1);
            assertThat(catchAll.path("ErrorEquals").toString()).as("%s catches everything last", name).isEqualTo("[\"States.ALL\"]");
            if (!ALERT_PATH.contains(name)) {
                assertThat(catchAll.path("Next").asText()).as("%s alerts on-call", name).isEqualTo("AlertOnCall");
                assertThat(catchAll.path("ResultPath").asText()).as("%s keeps the state and adds the failure", name).isEqualTo("$.failure");
            }
        });
        assertThat(ASL.at("/States/MigrationFailed/Type").asText()).isEqualTo("Fail");
    }

    @Test
    void everyLoop_isBoundedByAHandlerLimit_andWaitsAsLongAsTheHandlerSays() {
        Map<String, Set<String>> loops = loops();

        // THEN each loop polls through exactly one task, and that task's handler has a limit
        assertThat(loops.keySet()).as("the task of every loop").containsExactlyInAnyOrderElementsOf(LOOP_LIMITS.keySet());
        // AND its waits last what a handler computed (the sync loop's first wait comes before any sync result, so it
        // takes StartReplication's, which SyncCheck.waitSeconds computes the same way)
        Set<String> handlerWaits = new HashSet<>();
        tasks().forEach((name, task) -> {
            if (isLambda(task)) {
                handlerWaits.add(task.path("ResultPath").asText() + ".waitSeconds");
            }
        });
        loops.forEach((task, states) -> {
            assertThat(LOOP_LIMITS.get(task).get()).as("limit of %s", task).isPositive();
            states.stream().map(s -> ASL.path("States").path(s)).filter(s -> s.path("Type").asText().equals("Wait"))
                    .forEach(wait -> assertThat(wait.path("SecondsPath").asText()).as("a wait in the %s loop", task).isIn(handlerWaits));
        });
    }

    @Test
    void worstCaseRun_everyLoopAtItsLimitAndTheLongestApproval_endsBeforeTheMachinesTimeout() {
        Duration loops = LOOP_LIMITS.values().stream().map(Supplier::get).reduce(Duration.ZERO, Duration::plus);
        Duration approval = Duration.ofSeconds(SCHEMA.at("/properties/cutover/properties/approvalTimeoutSeconds/maximum").asLong());

        assertThat(loops.plus(approval)).isLessThan(Duration.ofSeconds(ASL.path("TimeoutSeconds").asLong()));
    }

    @Test
    void lambdaTasks_invokeTheirFunctionsAlias_soSnapStartRestoresThem() {
        Map<String, Object> substitutions = substitutions();
        allTasks().forEach((name, task) -> {
            if (isLambda(task)) {
                String placeholder = PLACEHOLDER.matcher(task.path("Resource").asText()).replaceAll("$1");
                assertThat(substitutions.get(placeholder)).as("%s's function", name)
                        .isInstanceOfSatisfying(Map.class, ref -> assertThat(String.valueOf(ref.get("Ref"))).endsWith("Function.Alias"));
            }
        });
    }

    // ------------------------------------------------------------------ reading the machine

    private static Map<String, JsonNode> tasks() {
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        ASL.path("States").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("Task")) {
                tasks.put(e.getKey(), e.getValue());
            }
        });
        assertThat(tasks).hasSizeGreaterThan(10);
        return tasks;
    }

    /** The Map states of the machine. */
    private static Map<String, JsonNode> maps() {
        Map<String, JsonNode> maps = new LinkedHashMap<>();
        ASL.path("States").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("Map")) {
                maps.put(e.getKey(), e.getValue());
            }
        });
        return maps;
    }

    /** The tasks inside the Map states' item processors. */
    private static Map<String, JsonNode> nestedTasks() {
        Map<String, JsonNode> nested = new LinkedHashMap<>();
        maps().values().forEach(map -> map.path("ItemProcessor").path("States").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("Task")) {
                nested.put(e.getKey(), e.getValue());
            }
        }));
        assertThat(nested).isNotEmpty();
        return nested;
    }

    /** Every task, at the top level and inside the Maps. */
    private static Map<String, JsonNode> allTasks() {
        Map<String, JsonNode> all = new LinkedHashMap<>(tasks());
        all.putAll(nestedTasks());
        return all;
    }

    private static Map<String, JsonNode> choices() {
        Map<String, JsonNode> choices = new LinkedHashMap<>();
        ASL.path("States").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("Choice")) {
                choices.put(e.getKey(), e.getValue());
            }
        });
        return choices;
    }

    /** The comparisons of a Choice rule, through its And, Or and Not. */
    private static void collectComparisons(JsonNode rule, List<JsonNode> into) {
        if (rule.has("And") || rule.has("Or")) {
            rule.path(rule.has("And") ? "And" : "Or").forEach(r -> collectComparisons(r, into));
        } else if (rule.has("Not")) {
            collectComparisons(rule.path("Not"), into);
        } else {
            into.add(rule);
        }
    }

    private static String operator(JsonNode comparison) {
        List<String> operators = new ArrayList<>();
        comparison.fieldNames().forEachRemaining(f -> {
            if (!f.equals("Variable") && !f.equals("Next")) {
                operators.add(f);
            }
        });
        assertThat(operators).as("operator of %s", comparison).hasSize(1);
        return operators.get(0);
    }

    /** The state a Choice goes to for {@code input}, as Step Functions evaluates its rules (first match, else Default). */
    private static String route(JsonNode choice, JsonNode input) {
        for (JsonNode rule : choice.path("Choices")) {
            if (matches(rule, input)) {
                return rule.path("Next").asText();
            }
        }
        assertThat(choice.has("Default")).as("a Default for %s", input).isTrue();
        return choice.path("Default").asText();
    }

    private static boolean matches(JsonNode rule, JsonNode input) {
        if (rule.has("And")) {
            for (JsonNode r : rule.path("And")) {
                if (!matches(r, input)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.path("Or")) {
                if (matches(r, input)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.path("Not"), input);
        }
        JsonNode value = at(input, rule.path("Variable").asText());
        String operator = operator(rule);
        JsonNode expected = rule.path(operator);
        return switch (operator) {
            case "IsPresent" -> !value.isMissingNode() == expected.asBoolean();
            case "IsString" -> value.isTextual() == expected.asBoolean();
            case "StringEquals" -> value.isTextual() && value.asText().equals(expected.asText());
            case "BooleanEquals" -> value.isBoolean() && value.asBoolean() == expected.asBoolean();
            default -> throw new AssertionError("this test cannot evaluate " + operator);
        };
    }

    /**
     * The state after on-call answers the cutover request with {@code answer}: the machine's own states from
     * RequestCutoverApproval (its ResultSelector and ResultPath) through the Choice and Pass states that follow it, up
     * to the next task. A path that is not there fails, as it does in Step Functions (States.Runtime).
     */
    private static ObjectNode afterApproval(JsonNode answer) {
        JsonNode request = ASL.at("/States/RequestCutoverApproval");
        ObjectNode state = (ObjectNode) Json.tree("{\"spec\": {\"migrationId\": \"m\"}, \"counts\": {\"tables\": 1}}");
        JsonNode result = request.has("ResultSelector") ? template(request.path("ResultSelector"), answer) : answer;
        state = place(state, request.path("ResultPath").asText(), result);
        String next = request.path("Next").asText();
        for (int step = 0; step < 10; step++) {
            JsonNode node = ASL.path("States").path(next);
            switch (node.path("Type").asText()) {
                case "Choice" -> next = route(node, state);
                case "Pass" -> {
                    JsonNode passed = node.has("Parameters") ? template(node.path("Parameters"), state)
                            : node.has("Result") ? node.path("Result") : state;
                    state = place(state, node.path("ResultPath").asText("$"), passed);
                    next = node.path("Next").asText();
                }
                default -> {
                    assertThat(next).as("the task after the approval").isEqualTo("CheckFinalSync");
                    return state;
                }
            }
        }
        throw new AssertionError("no task within 10 states of RequestCutoverApproval");
    }

    /** A Parameters or ResultSelector template applied to {@code input}: "key.$" fields copy a path, others are literal. */
    private static JsonNode template(JsonNode template, JsonNode input) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        template.fields().forEachRemaining(f -> {
            if (f.getKey().endsWith(".$")) {
                JsonNode value = at(input, f.getValue().asText());
                assertThat(value.isMissingNode()).as("States.Runtime: %s not found in %s", f.getValue().asText(), input).isFalse();
                out.set(f.getKey().substring(0, f.getKey().length() - 2), value);
            } else {
                out.set(f.getKey(), f.getValue().isObject() ? template(f.getValue(), input) : f.getValue());
            }
        });
        return out;
    }

    /** The node at a simple reference path ({@code $.a.b}); missing when any step is absent or not an object. */
    private static JsonNode at(JsonNode input, String path) {
        JsonNode node = input;
        for (String step : steps(path)) {
            node = node.isObject() ? node.path(step) : MissingNode.getInstance();
        }
        return node;
    }

    private static ObjectNode place(ObjectNode state, String path, JsonNode value) {
        List<String> steps = steps(path);
        if (steps.isEmpty()) {
            return (ObjectNode) value;
        }
        ObjectNode parent = state;
        for (String step : steps.subList(0, steps.size() - 1)) {
            parent = parent.has(step) ? (ObjectNode) parent.get(step) : parent.putObject(step);
        }
        parent.set(steps.get(steps.size() - 1), value);
        return state;
    }

    /** A state holding {@code value} at {@code path} and nothing else. */
    private static ObjectNode with(String path, JsonNode value) {
        return place(JsonNodeFactory.instance.objectNode(), path, value);
    }

    private static List<String> steps(String path) {
        assertThat(path).as("a reference path").matches("\\$(\\.[A-Za-z]+)*");
        return path.equals("$") ? List.of() : List.of(path.substring(2).split("\\."));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean isLambda(JsonNode task) {
        return task.path("Resource").asText().startsWith("${");
    }

    private static List<String> errorNames() {
        List<String> names = new ArrayList<>();
        Stream.of(allTasks().values(), maps().values()).flatMap(java.util.Collection::stream).forEach(task -> Stream.of("Retry", "Catch").forEach(kind -> task.path(kind)
                .forEach(rule -> rule.path("ErrorEquals").forEach(e -> names.add(e.asText())))));
        return names;
    }

    /** The states of each cycle of Next/Default/Choices transitions (a poll loop), keyed by the one task in it. */
    private static Map<String, Set<String>> loops() {
        Map<String, Set<String>> reach = new LinkedHashMap<>();
        ASL.path("States").fieldNames().forEachRemaining(state -> reach.put(state, reachable(state)));
        Map<String, Set<String>> loops = new LinkedHashMap<>();
        reach.forEach((state, reached) -> {
            if (!reached.contains(state)) {
                return;
            }
            Set<String> cycle = new TreeSet<>();
            reached.forEach(other -> {
                if (reach.get(other).contains(state)) {
                    cycle.add(other);
                }
            });
            List<String> cycleTasks = cycle.stream().filter(s -> ASL.path("States").path(s).path("Type").asText().equals("Task")).toList();
            assertThat(cycleTasks).as("tasks in the loop %s", cycle).hasSize(1);
            loops.put(cycleTasks.get(0), cycle);
        });
        return loops;
    }

    private static Set<String> reachable(String from) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(next(from));
        while (!todo.isEmpty()) {
            String state = todo.remove(todo.size() - 1);
            if (seen.add(state)) {
                todo.addAll(next(state));
            }
        }
        return seen;
    }

    private static List<String> next(String state) {
        JsonNode node = ASL.path("States").path(state);
        List<String> next = new ArrayList<>();
        Stream.of(node.path("Next"), node.path("Default")).filter(JsonNode::isTextual).forEach(n -> next.add(n.asText()));
        node.path("Choices").forEach(choice -> next.add(choice.path("Next").asText()));
        return next;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> substitutions() {
        Map<String, Object> resources = (Map<String, Object>) TEMPLATE.get("Resources");
        Map<String, Object> machine = (Map<String, Object>) ((Map<String, Object>) resources.get("MigrationStateMachine")).get("Properties");
        return (Map<String, Object>) machine.get("DefinitionSubstitutions");
    }

    // ------------------------------------------------------------------ reading the Java side

    /**
     * The Java type a Choice finds at {@code variable}: under {@code $.approval}, right after the approval request, the
     * approver's answer as the CLI sends it ({@link ApprovalAnswer}); elsewhere the state's.
     */
    private static Class<?> choiceType(String variable) {
        return variable.startsWith("$.approval.") ? javaType(ApprovalAnswer.class, "$." + variable.substring("$.approval.".length()))
                : javaType(WorkflowState.class, variable);
    }

    /** The Java type at {@code path} of {@code root}: each step a record component of the type before it. */
    private static Class<?> javaType(Class<?> root, String path) {
        Class<?> type = root;
        for (String step : steps(path)) {
            Class<?> owner = type;
            assertThat(owner.isRecord()).as("%s in %s: %s is a record", step, path, owner.getSimpleName()).isTrue();
            type = Arrays.stream(owner.getRecordComponents()).filter(c -> c.getName().equals(step)).findFirst()
                    .<Class<?>>map(RecordComponent::getType)
                    .orElseThrow(() -> new AssertionError(owner.getSimpleName() + " has no " + step + " (from " + path + ")"));
        }
        return type;
    }

    /** Every value of a closed type (an enum's constants, or true and false); empty for an open type. */
    private static List<Object> values(Class<?> type) {
        if (type.isEnum()) {
            return Arrays.asList((Object[]) type.getEnumConstants());
        }
        return type == boolean.class || type == Boolean.class ? List.of(true, false) : List.of();
    }

    /** How Java writes each value of {@code type} into the state (an enum's JSON spelling); empty for an open type. */
    private static List<String> wireValues(Class<?> type) {
        return values(type).stream().map((Function<Object, JsonNode>) Json.MAPPER::valueToTree).map(JsonNode::asText).toList();
    }

    private static Duration constant(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            Object value = field.get(null);
            return value instanceof Duration duration ? duration : Duration.ofSeconds(((Number) value).longValue());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(owner.getSimpleName() + " has no loop limit " + name, e);
        }
    }

    /** Every class of the runbook's error package, read from wherever it was loaded (classes folder or jar). */
    private static List<Class<?>> runbookExceptions() {
        String folder = RunbookException.class.getPackageName().replace('.', '/') + "/";
        List<String> files = new ArrayList<>();
        try {
            Path location = Path.of(RunbookException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> paths = Files.list(location.resolve(folder))) {
                    paths.forEach(p -> files.add(folder + p.getFileName()));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder)).forEach(files::add);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files.stream().filter(f -> f.endsWith(".class") && !f.contains("$"))
                .<Class<?>>map(f -> load(f.substring(0, f.length() - ".class".length()).replace('/', '.'))).toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + name, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
