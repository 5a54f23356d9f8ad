package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every problem of a spec instead of stopping at the first, with typed field readers that record what
 * is wrong and how to fix it. {@link #throwIfAny()} raises them all as one {@link InvalidSpecException}.
 */
public final class SpecProblems {

    private static final Pattern ARN = Pattern.compile("^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|):(.+)$");

    private final List<SpecProblem> problems = new ArrayList<>();

    public void add(String path, String problem, String fix) {
        problems.add(new SpecProblem(path, problem, fix));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    public List<SpecProblem> all() {
        return List.copyOf(problems);
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    /** Records every field of {@code node} not in {@code known}, suggesting the closest known name. */
    public void rejectUnknownFields(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String closest = closest(name, known);
                add(join(path, name), "unknown field",
                        closest == null ? "remove it (known fields: " + String.join(", ", known.stream().sorted().toList()) + ")"
                                : "did you mean '" + closest + "'?");
            }
        }
    }

    /** The object at {@code path}, or empty (with a problem recorded if required or not an object). */
    public Optional<JsonNode> object(JsonNode parent, String field, String path, boolean required, String fix) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(path, "is required", fix);
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            add(path, "must be a JSON object, not " + kind(node), fix);
            return Optional.empty();
        }
        return Optional.of(node);
    }

    /** The text at {@code path}, checked against {@code pattern} when given. */
    public String text(JsonNode parent, String field, String path, boolean required, Pattern pattern, String fix) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(path, "is required", fix);
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            add(path, "must be a non-empty string, not " + kind(node), fix);
            return null;
        }
        String value = node.asText();
        if (pattern != null && !pattern.matcher(value).matches()) {
            add(path, "is not valid " + SpecEcho.unrepeated(value), fix);
            return null;
        }
        return value;
    }

    /** The whole number at {@code path} within [min, max], or {@code fallback} when absent. */
    public Integer integer(JsonNode parent, String field, String path, Integer fallback, int min, int max, String unit) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        String ofUnit = unit == null ? "" : " of " + unit;
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            add(path, "must be a whole number" + ofUnit + ", not " + kind(node), "write a number between " + min + " and " + max);
            return fallback;
        }
        int value = node.asInt();
        if (value < min || value > max) {
            add(path, value + " is out of range", "use a value between " + min + " and " + max + (unit == null ? "" : " " + unit));
            return fallback;
        }
        return value;
    }

    /** The boolean at {@code path}, or null when absent. */
    public Boolean flag(JsonNode parent, String field, String path) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            add(path, "must be true or false, not " + kind(node), "write true or false, without quotes");
            return null;
        }
        return node.booleanValue();
    }

    /** The enum value spelled at {@code path}, or {@code fallback} when absent. */
    public <E extends Enum<E> & SpecValue> E choice(JsonNode parent, String field, String path, Class<E> type, E fallback) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                add(path, "is required", "use one of: " + SpecValue.allowed(type));
            }
            return fallback;
        }
        Optional<E> value = node.isTextual() ? SpecValue.parse(type, node.asText()) : Optional.empty();
        if (value.isEmpty()) {
            add(path, "is not allowed " + SpecEcho.unrepeated(node.asText()), "use one of: " + SpecValue.allowed(type));
            return fallback;
        }
        return value.get();
    }

    /** An ARN of {@code service} whose resource starts with {@code resourcePrefix} (e.g. "secret:"). */
    public String arn(JsonNode parent, String field, String path, boolean required, String service, String resourcePrefix) {
        String example = "arn:aws:" + service + ":us-east-1:123456789012:" + resourcePrefix + "name";
        String value = text(parent, field, path, required, null, "set the ARN, e.g. " + example);
        if (value == null) {
            return null;
        }
        var matcher = ARN.matcher(value);
        if (!matcher.matches() || !matcher.group(1).equals(service) || !matcher.group(4).startsWith(resourcePrefix)) {
            String kind = resourcePrefix.replace(":", "").replace("/", "");
            add(path, "is not a " + service + (kind.isEmpty() ? "" : " " + kind) + " ARN " + SpecEcho.arnKind(value),
                    "use an ARN like " + example);
            return null;
        }
        return value;
    }

    public static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String closest(String name, Set<String> known) {
        // A name missing its unit ("cdcLatency" for "cdcLatencySeconds") is the likeliest slip.
        for (String candidate : known) {
            if (candidate.toLowerCase().startsWith(name.toLowerCase()) && name.length() >= 3) {
                return candidate;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
