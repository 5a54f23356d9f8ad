package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.deploy.CfnYaml;
import dmsrunbook.error.RetryableException;
import dmsrunbook.error.RunbookException;
import dmsrunbook.internal.Json;
import dmsrunbook.rehearsal.ProjectRoot;
import dmsrunbook.sync.SyncCheck;
import dmsrunbook.workflow.MigrationWorkflow;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What statemachine/migration.asl.json promises and the Java side must keep: the errors it names exist, the
 * placeholders are substituted, every task is retried and caught, and no loop runs longer than a handler lets it.
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
    /** The runbook's retryable errors of a handler that calls AWS but no database (the alert). */
    private static final Set<String> AWS_RETRYABLE = Set.of("dmsrunbook.error.ThrottledException", "dmsrunbook.error.AwsUnreachableException");

    /**
     * Every poll loop of the machine and what ends it: a handler that gives up (throws) after this long. A loop that
     * is not listed here has no limit of its own and would run until the machine's timeout.
     */
    private static final Map<String, Supplier<Duration>> LOOP_LIMITS = Map.of(
            "CheckEndpointConnections", () -> constant(MigrationWorkflow.class, "CONNECTION_TEST_LIMIT"),
            "StartReplication", () -> constant(MigrationWorkflow.class, "START_LIMIT"),
            "CheckReplication", () -> Duration.ofSeconds(SCHEMA.at("/properties/thresholds/properties/maxWaitSeconds/maximum").asLong()),
            "CheckFinalSync", () -> Duration.ofSeconds(SyncCheck.MAX_FINAL_WAIT_SECONDS),
            "StopReplication", () -> constant(MigrationWorkflow.class, "STOP_LIMIT"));

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

        tasks().forEach((name, task) -> {
            Set<String> retried = new HashSet<>();
            task.path("Retry").forEach(retry -> retry.path("ErrorEquals").forEach(e -> retried.add(e.asText())));
            assertThat(retried).as("%s retries only what passes by itself", name).allSatisfy(error ->
                    assertThat(AWS_PASSING_ERRORS.contains(error) || retryable.contains(error)).as(error).isTrue());
            if (isLambda(task)) {
                // Every handler calls AWS; the alert's own handler touches no database.
                assertThat(retried).as("%s retries every retryable runbook error it can meet", name)
                        .containsAll(ALERT_PATH.contains(name) ? AWS_RETRYABLE : retryable);
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
        tasks().forEach((name, task) -> {
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

    private static boolean isLambda(JsonNode task) {
        return task.path("Resource").asText().startsWith("${");
    }

    private static List<String> errorNames() {
        List<String> names = new ArrayList<>();
        tasks().values().forEach(task -> Stream.of("Retry", "Catch").forEach(kind -> task.path(kind)
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
