package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The spec's structure as {@code events/schema/migration-spec.schema.json} states it, checked at run time: the reader
 * and the schema users validate with in an editor cannot disagree on what a spec may hold. The schema's errors become
 * {@link SpecProblem}s in the reader's words (the field's path, what is wrong, the fix), never repeating a value and
 * never the validator's own text. The schema is compiled once per sandbox (and so before a SnapStart snapshot, when
 * the handler primes the reader).
 */
public final class MigrationSpecSchema {

    /** Where the build puts the schema on the classpath (core's pom copies it from events/schema). */
    public static final String RESOURCE = "/dmsrunbook/spec/migration-spec.schema.json";
    private static final String SCHEMA_FILE = "events/schema/migration-spec.schema.json";

    private static final JsonNode DOCUMENT = load();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(DOCUMENT, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());

    private MigrationSpecSchema() {
    }

    /** The schema document, as the reader checks specs against it. */
    public static JsonNode document() {
        return DOCUMENT;
    }

    /** Every structural problem of {@code spec}, in the reader's words; empty when the schema accepts it. */
    public static List<SpecProblem> problems(JsonNode spec) {
        Set<SpecProblem> problems = new LinkedHashSet<>();
        for (ValidationMessage message : SCHEMA.validate(spec)) {
            if (!insideAlternative(message.getEvaluationPath())) {
                problems.addAll(describe(message));
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Whether the error is one alternative's of a {@code oneOf}/{@code anyOf}: the alternatives' own errors contradict
     * each other ("table is required", "table is not allowed"), so only the choice as a whole is reported.
     */
    private static boolean insideAlternative(JsonNodePath evaluation) {
        for (int i = 0; i < evaluation.getNameCount() - 1; i++) {
            Object element = evaluation.getElement(i);
            if (("oneOf".equals(element) || "anyOf".equals(element)) && evaluation.getElement(i + 1) instanceof Integer) {
                return true;
            }
        }
        return false;
    }

    private static List<SpecProblem> describe(ValidationMessage message) {
        String path = path(message.getInstanceLocation());
        return describe(message, path).stream()
                .map(problem -> problem.path().isEmpty() ? new SpecProblem("$", problem.problem(), problem.fix()) : problem).toList();
    }

    private static List<SpecProblem> describe(ValidationMessage message, String path) {
        JsonNode instance = message.getInstanceNode();
        JsonNodePath keyword = message.getSchemaLocation().getFragment();
        JsonNode rule = at(keyword);
        JsonNode owner = at(keyword.getParent());
        return switch (message.getType()) {
            case "required" -> List.of(new SpecProblem(SpecProblems.join(path, message.getProperty()), "is required",
                    withDescription("add it", property(owner, message.getProperty()))));
            case "additionalProperties" -> List.of(unknownField(SpecProblems.join(path, message.getProperty()), message.getProperty(), owner));
            case "type" -> List.of(new SpecProblem(path, "must be " + expected(rule) + ", not " + SpecProblems.kind(instance),
                    withDescription("write " + expected(rule), owner)));
            case "enum" -> List.of(new SpecProblem(path, "is not allowed " + shape(instance), "use one of: " + values(rule)));
            case "const" -> List.of(new SpecProblem(path, "is not allowed here " + shape(instance), "use " + rule
                    + withContext(keyword)));
            case "pattern" -> List.of(new SpecProblem(path, "is not valid " + shape(instance),
                    withDescription("see the field in " + SCHEMA_FILE, owner)));
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> List.of(new SpecProblem(path, "is out of range",
                    range(owner)));
            case "minLength", "minItems" -> List.of(new SpecProblem(path, "must not be empty", withDescription("fill it in", owner)));
            case "maxLength", "maxItems" -> List.of(new SpecProblem(path, "is too long", "keep it to at most " + rule.asText()
                    + ("maxLength".equals(message.getType()) ? " characters" : " items")));
            case "not" -> notAllowed(path, instance, rule, keyword);
            case "oneOf", "anyOf" -> List.of(new SpecProblem(path, "does not have one of the forms the field allows",
                    withDescription("see the field in " + SCHEMA_FILE, owner)));
            case "propertyNames" -> List.of(new SpecProblem(SpecProblems.join(path, message.getProperty()), "is not a valid name here",
                    withDescription("see the field in " + SCHEMA_FILE, owner)));
            default -> List.of(new SpecProblem(path, "does not match what the field allows",
                    withDescription("see the field in " + SCHEMA_FILE, owner)));
        };
    }

    private static SpecProblem unknownField(String path, String name, JsonNode owner) {
        Set<String> known = new TreeSet<>();
        owner.path("properties").fieldNames().forEachRemaining(known::add);
        String closest = SpecProblems.closest(name, known);
        return new SpecProblem(path, "unknown field", closest == null
                ? "remove it (known fields: " + String.join(", ", known) + ")" : "did you mean '" + closest + "'?");
    }

    /** A {@code not}: the fields it forbids that are present, each named, or the value itself. */
    private static List<SpecProblem> notAllowed(String path, JsonNode instance, JsonNode rule, JsonNodePath keyword) {
        Set<String> forbidden = new LinkedHashSet<>();
        collectRequired(rule, forbidden);
        List<SpecProblem> problems = new ArrayList<>();
        for (String field : forbidden) {
            if (instance != null && instance.has(field)) {
                problems.add(new SpecProblem(SpecProblems.join(path, field), "is not allowed here", "remove it" + withContext(keyword)));
            }
        }
        if (problems.isEmpty()) {
            problems.add(new SpecProblem(path, "is not allowed here " + shape(instance), "use another value" + withContext(keyword)));
        }
        return problems;
    }

    private static void collectRequired(JsonNode rule, Set<String> into) {
        rule.path("required").forEach(name -> into.add(name.asText()));
        rule.path("anyOf").forEach(branch -> collectRequired(branch, into));
    }

    /** The description of the conditional rule a keyword belongs to (e.g. "An S3 target has no schema ..."), if any. */
    private static String withContext(JsonNodePath keyword) {
        for (JsonNodePath at = keyword.getParent(); at != null; at = at.getParent()) {
            JsonNode node = at(at);
            if ((node.has("if") || node.has("then")) && node.hasNonNull("description")) {
                return " (" + node.get("description").asText() + ")";
            }
        }
        return "";
    }

    private static String withDescription(String fix, JsonNode schema) {
        String description = schema == null ? "" : schema.path("description").asText("");
        return description.isEmpty() ? fix : fix + ": " + description;
    }

    private static JsonNode property(JsonNode owner, String name) {
        JsonNode property = owner.path("properties").path(name);
        JsonNode ref = property.get("$ref");
        return ref == null ? property : DOCUMENT.at(ref.asText().substring(1));
    }

    private static String range(JsonNode owner) {
        JsonNode min = owner.has("minimum") ? owner.get("minimum") : owner.get("exclusiveMinimum");
        JsonNode max = owner.has("maximum") ? owner.get("maximum") : owner.get("exclusiveMaximum");
        if (min != null && max != null) {
            return "use a value between " + min.asText() + " and " + max.asText();
        }
        return min != null ? "use a value of at least " + min.asText() : "use a value of at most " + max.asText();
    }

    private static String expected(JsonNode type) {
        List<String> words = new ArrayList<>();
        for (JsonNode one : type.isArray() ? type : List.of(type)) {
            words.add(switch (one.asText()) {
                case "integer" -> "a whole number";
                case "number" -> "a number";
                case "string" -> "a string";
                case "object" -> "a JSON object";
                case "array" -> "an array";
                case "boolean" -> "true or false";
                default -> one.asText();
            });
        }
        return String.join(" or ", words);
    }

    private static String values(JsonNode options) {
        List<String> values = new ArrayList<>();
        options.forEach(option -> values.add(option.asText()));
        return String.join(", ", values);
    }

    /** What the user wrote, by its shape only: a string's length, or its JSON kind. */
    private static String shape(JsonNode instance) {
        if (instance == null) {
            return "";
        }
        return instance.isTextual() ? SpecEcho.unrepeated(instance.asText()) : "(" + SpecProblems.kind(instance) + ")";
    }

    /** {@code /source/port} as the reader names it: {@code source.port}; {@code tableMappings.rules[0]}; empty for the root. */
    static String path(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static JsonNode at(JsonNodePath fragment) {
        JsonNode node = DOCUMENT;
        if (fragment == null) {
            return node;
        }
        for (int i = 0; i < fragment.getNameCount(); i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        return node;
    }

    private static JsonNode load() {
        try (InputStream in = MigrationSpecSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the spec's JSON Schema is missing from the classpath: " + RESOURCE);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
