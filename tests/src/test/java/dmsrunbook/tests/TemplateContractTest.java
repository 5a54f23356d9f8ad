package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dmsrunbook.deploy.CfnYaml;
import dmsrunbook.rehearsal.ProjectRoot;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml promises and the handlers must keep: every function's handler class exists and can be built
 * both by Lambda (no arguments) and by the local gateway (the environment), and every function is published with
 * SnapStart behind the alias the state machine calls, which it may invoke.
 */
class TemplateContractTest {

    private static final Map<String, Object> TEMPLATE = CfnYaml.read(ProjectRoot.find().resolve("template.yaml"));

    @Test
    void everyFunctionsHandler_isAStreamHandler_withANoArgAndAnEnvironmentConstructor() {
        functions().forEach((name, properties) -> {
            String handler = String.valueOf(properties.get("Handler"));
            assertThat(handler).as(name).endsWith("::handleRequest");
            Class<?> type = load(handler.substring(0, handler.indexOf("::")));
            // Phase functions stream their own JSON; event-source functions take the typed event Lambda builds.
            Class<?> expected = hasEventSources(properties) ? com.amazonaws.services.lambda.runtime.RequestHandler.class
                    : RequestStreamHandler.class;
            assertThat(expected.isAssignableFrom(type)).as("%s is a %s", type, expected.getSimpleName()).isTrue();
            assertThat(Modifier.isAbstract(type.getModifiers())).as("%s is concrete", type).isFalse();
            assertThat(publicConstructor(type)).as("%s() for Lambda", type.getSimpleName()).isNotNull();
            assertThat(publicConstructor(type, Map.class)).as("%s(Map) for the local gateway", type.getSimpleName()).isNotNull();
        });
    }

    @Test
    void everyFunction_isPublishedWithSnapStart_behindAnAlias() {
        Map<String, Object> globals = map(map(TEMPLATE, "Globals"), "Function");
        functions().forEach((name, properties) -> {
            Map<String, Object> merged = new LinkedHashMap<>(globals);
            merged.putAll(properties);
            assertThat(merged.get("AutoPublishAlias")).as("%s AutoPublishAlias", name).isEqualTo("live");
            assertThat(merged.get("SnapStart")).as("%s SnapStart", name).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            // java21: SnapStart, and Lambda keeps creating it until 2029 (java17 is deprecated on 2027-06-30).
            assertThat(String.valueOf(merged.get("Runtime"))).as("%s runtime", name).isEqualTo("java21");
        });
    }

    @Test
    void stateMachine_mayInvokeEveryFunctionItCalls_andCallsOnlyFunctionsOfThisTemplate() {
        Map<String, Object> machine = map(map(map(TEMPLATE, "Resources"), "MigrationStateMachine"), "Properties");
        List<String> called = map(machine, "DefinitionSubstitutions").values().stream()
                .filter(v -> v instanceof Map<?, ?> ref && String.valueOf(ref.get("Ref")).endsWith(".Alias"))
                .map(v -> String.valueOf(((Map<?, ?>) v).get("Ref")).replace(".Alias", "")).toList();
        List<String> invokable = ((List<?>) machine.get("Policies")).stream()
                .filter(p -> p instanceof Map<?, ?> policy && policy.containsKey("LambdaInvokePolicy"))
                .map(p -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) p).get("LambdaInvokePolicy")).get("FunctionName")))
                .map(ref -> ref.replace("{Ref=", "").replace("}", "")).toList();

        assertThat(called).isNotEmpty().allSatisfy(function -> assertThat(functions()).containsKey(function));
        assertThat(invokable).containsExactlyInAnyOrderElementsOf(called);
        assertThat(functions().entrySet().stream().filter(f -> !hasEventSources(f.getValue())).map(Map.Entry::getKey))
                .as("every function without an event source is a phase of the state machine").containsExactlyInAnyOrderElementsOf(called);
    }

    private static boolean hasEventSources(Map<String, Object> properties) {
        return properties.get("Events") instanceof Map<?, ?> events && !events.isEmpty();
    }

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        map(TEMPLATE, "Resources").forEach((name, resource) -> {
            Map<String, Object> definition = asMap(resource);
            if ("AWS::Serverless::Function".equals(definition.get("Type"))) {
                functions.put(name, map(definition, "Properties"));
            }
        });
        assertThat(functions).isNotEmpty();
        return functions;
    }

    private static Constructor<?> publicConstructor(Class<?> type, Class<?>... parameters) {
        try {
            Constructor<?> constructor = type.getConstructor(parameters);
            return Modifier.isPublic(constructor.getModifiers()) ? constructor : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("template.yaml names handler " + name + ", which does not exist", e);
        }
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return asMap(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
