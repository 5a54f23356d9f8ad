package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every problem of a spec instead of stopping at the first, with typed field readers that record what
 * is wrong and how to fix it. {@link #throwIfAny()} raises them all as one {@link InvalidSpecException}.
 */
public final class SpecProblems {

    private static final Pattern ARN = Pattern.compile("^arn:aws[a-z-]*:([a-z0-9-]+):([^:]*):([^:]*):(.+)$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$");
    private static final Pattern ACCOUNT = Pattern.compile("^\\d{12}$");

    private final List<SpecProblem> problems = new ArrayList<>();
    private final List<SpecProblem> structural = new ArrayList<>();

    public void add(String path, String problem, String fix) {
        problems.add(new SpecProblem(path, problem, fix));
    }

    /**
     * Records what the JSON Schema found wrong. The reader's own problem at the same field (or inside it) says it
     * with a sharper fix, so a structural problem is reported only where the reader has none.
     */
    public void addStructural(List<SpecProblem> found) {
        structural.addAll(found);
    }

    /** Whether the reader already recorded a problem at {@code path}. */
    public boolean hasProblemAt(String path) {
        return problems.stream().anyMatch(problem -> problem.path().equals(path));
    }

    public boolean isEmpty() {
        return all().isEmpty();
    }

    /** How many problems the reader recorded itself (structural ones aside): a reader compares counts to see what it added. */
    public int size() {
        return problems.size();
    }

    /**
     * Every problem: the reader's, and the structural ones it did not say itself, each placed before the reader's first
     * problem in the same object (so a section's unknown field comes first, as a reader checking names first would say it).
     */
    public List<SpecProblem> all() {
        Map<Integer, List<SpecProblem>> before = new HashMap<>();
        for (SpecProblem problem : structural) {
            boolean said = problems.stream().anyMatch(own -> within(own.path(), problem.path()));
            if (said) {
                continue;
            }
            String parent = parent(problem.path());
            int anchor = problems.size();
            for (int i = 0; i < problems.size(); i++) {
                if (parent.isEmpty() || within(problems.get(i).path(), parent)) {
                    anchor = i;
                    break;
                }
            }
            List<SpecProblem> anchored = before.computeIfAbsent(anchor, i -> new ArrayList<>());
            if (!anchored.contains(problem)) {
                anchored.add(problem);
            }
        }
        List<SpecProblem> all = new ArrayList<>();
        for (int i = 0; i <= problems.size(); i++) {
            all.addAll(before.getOrDefault(i, List.of()));
            if (i < problems.size()) {
                all.add(problems.get(i));
            }
        }
        return List.copyOf(all);
    }

    /** Whether {@code path} is {@code ancestor} or a field or item inside it. */
    private static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    /** The object or array holding the field at {@code path}; empty for a top-level field. */
    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    public void throwIfAny() {
        List<SpecProblem> all = all();
        if (!all.isEmpty()) {
            throw new InvalidSpecException(all);
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
        if (!isWholeNumber(node)) {
            add(path, "must be a whole number" + ofUnit + ", not " + kind(node), "write a number between " + min + " and " + max);
            return fallback;
        }
        if (!node.canConvertToInt()) {
            add(path, "is out of range", "use a value between " + min + " and " + max + (unit == null ? "" : " " + unit));
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

    /**
     * An ARN of {@code service} whose resource starts with {@code resourcePrefix} (e.g. "secret:"), with its 12-digit
     * account and its region (none for IAM, which is global).
     */
    public String arn(JsonNode parent, String field, String path, boolean required, String service, String resourcePrefix) {
        boolean global = service.equals("iam");
        String example = "arn:aws:" + service + ":" + (global ? "" : "us-east-1") + ":123456789012:" + resourcePrefix + "name";
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
        String region = matcher.group(2);
        if (global && !region.isEmpty()) {
            add(path, "names a region, but IAM ARNs have none", "leave the region empty (two colons), like " + example);
            return null;
        }
        if (!global && !REGION.matcher(region).matches()) {
            add(path, region.isEmpty() ? "has no region" : "has a region that is not one", "use an ARN like " + example
                    + ", with the region of the resource (the stack's region)");
            return null;
        }
        if (!ACCOUNT.matcher(matcher.group(3)).matches()) {
            add(path, matcher.group(3).isEmpty() ? "has no account" : "has an account that is not 12 digits",
                    "use an ARN like " + example + ", with the 12-digit account id (the stack's account)");
            return null;
        }
        return value;
    }

    /** Whether {@code node} is a number without a fractional part (5432, or 5432.0 as some tools write it). */
    static boolean isWholeNumber(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        return node.isNumber() && !Double.isInfinite(node.asDouble()) && node.asDouble() == Math.rint(node.asDouble());
    }

    public static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A JSON value's kind in plain words ("a string", "a fraction"): what a problem says instead of the value. */
    public static String kind(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> isWholeNumber(node) ? "a number" : "a fraction";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    /** The known name {@code name} is likeliest a slip for, or null when none is close. */
    static String closest(String name, Set<String> known) {
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
