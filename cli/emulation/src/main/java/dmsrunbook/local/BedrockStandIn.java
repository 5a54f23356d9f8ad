package dmsrunbook.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.local.LocalLambdaGateway.Request;
import dmsrunbook.local.LocalLambdaGateway.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EMULATED model behind Amazon Bedrock's Converse API ({@code POST /model/{modelId}/converse}): moto's
 * bedrock-runtime (5.2.5, the pinned version) serves only InvokeModel, with an empty answer, and no Converse at all.
 * This is no language model: it refuses a request that does not carry a MySQL source text (the runbook's prompt puts it
 * after "MySQL source text:" in a fenced block), and answers the rest with a small rule-based rewrite, the same every
 * time: a procedure's or function's parameters and types, its body in PL/pgSQL with the target schema on its search
 * path; a view's SELECT without backquotes, its tables renamed as the prompt lists them; a trigger's {@code SET NEW.x =}
 * as a trigger function and a CREATE OR REPLACE TRIGGER. A test can make it answer one object with SQL PostgreSQL
 * refuses to compile ({@link #answerUncompilable}). Every request is recorded.
 */
public final class BedrockStandIn implements LocalLambdaGateway.Interceptor {

    private static final Pattern CONVERSE = Pattern.compile("^/model/([^/]+)/converse$");
    private static final Pattern SOURCE = Pattern.compile("MySQL source text:\\r?\\n(`{3,})mysql\\r?\\n(.*?)\\r?\\n\\1", Pattern.DOTALL);
    private static final Pattern TARGET_SCHEMA = Pattern.compile("^Target schema: (.+)$", Pattern.MULTILINE);
    private static final Pattern RENAMED = Pattern.compile("^- (\\S+) -> (\\S+)$", Pattern.MULTILINE);
    private static final Pattern HEAD = Pattern.compile("CREATE\\s+(?:.*?\\s)?(PROCEDURE|FUNCTION|VIEW|TRIGGER)\\s+`?(\\w+)`?", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Asked> requests = new CopyOnWriteArrayList<>();
    private final Set<String> uncompilable = ConcurrentHashMap.newKeySet();

    /** One Converse request: the model and the user message's text. */
    public record Asked(String modelId, String prompt) {
    }

    /** Every Converse request so far, refused ones included. */
    public List<Asked> requests() {
        return List.copyOf(requests);
    }

    /** Answers the object named {@code name} (a view's, routine's or trigger's own name) with SQL that does not compile. */
    public void answerUncompilable(String name) {
        uncompilable.add(name.toLowerCase(Locale.ROOT));
    }

    /** Answers every object with its rewrite again. */
    public void answerAllCompilable() {
        uncompilable.clear();
    }

    @Override
    public Optional<Response> intercept(Request request, Function<Request, Response> moto) {
        Matcher path = CONVERSE.matcher(request.uri().getRawPath());
        if (!request.method().equals("POST") || !path.matches()) {
            return Optional.empty();
        }
        String modelId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        String prompt = prompt(request.bodyText());
        requests.add(new Asked(modelId, prompt));
        Matcher source = SOURCE.matcher(prompt);
        if (!source.find() || !source.group(2).toUpperCase(Locale.ROOT).contains("CREATE")) {
            return Optional.of(error(400, "ValidationException",
                    "emulated model: the request carries no MySQL source text (a fenced block after \"MySQL source text:\")"));
        }
        Matcher schemaLine = TARGET_SCHEMA.matcher(prompt);
        String schema = schemaLine.find() ? schemaLine.group(1).trim() : "public";
        Map<String, String> renames = new java.util.LinkedHashMap<>();
        Matcher renamed = RENAMED.matcher(prompt.substring(prompt.indexOf(source.group(0)) + source.group(0).length()));
        while (renamed.find()) {
            if (!renamed.group(1).contains("(")) {
                renames.put(renamed.group(1), renamed.group(2));
            }
        }
        String sql = rewrite(source.group(2), schema, renames);
        return Optional.of(answer("Emulated model (dms-runbook's rule-based stand-in, not a language model):\n```sql\n" + sql + "\n```\n"));
    }

    private String rewrite(String text, String schema, Map<String, String> renames) {
        String plain = text.replaceAll("DEFINER=`[^`]*`@`[^`]*`\\s*", "");
        Matcher head = HEAD.matcher(plain);
        if (!head.find()) {
            return "-- emulated model: no rule for this object";
        }
        String kind = head.group(1).toUpperCase(Locale.ROOT);
        String name = head.group(2);
        if (uncompilable.contains(name.toLowerCase(Locale.ROOT))) {
            return "CREATE OR REPLACE VIEW " + schema + "." + name + "_broken AS SELECT no_such_column FROM " + schema + ".no_such_table_for_" + name + ";";
        }
        String rest = plain.substring(head.end());
        return switch (kind) {
            case "PROCEDURE" -> procedure(schema, name, rest);
            case "FUNCTION" -> function(schema, name, rest);
            case "VIEW" -> view(schema, name, rest, renames);
            default -> trigger(schema, name, rest, renames);
        };
    }

    private static String procedure(String schema, String name, String rest) {
        String[] signature = signature(rest);
        Matcher m = Pattern.compile("^.*?\\bBEGIN\\b(.*)\\bEND\\s*;?\\s*$", Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(signature[1]);
        if (signature[0] == null || !m.find()) {
            return "-- emulated model: no rule for this procedure's shape";
        }
        return "CREATE OR REPLACE PROCEDURE " + schema + "." + name + "(" + parameters(signature[0]) + ")\nLANGUAGE plpgsql\nSET search_path = "
                + schema + "\nAS $$\nBEGIN" + m.group(1).replace("`", "") + "END\n$$;";
    }

    private static String function(String schema, String name, String rest) {
        String[] signature = signature(rest);
        Matcher m = Pattern.compile("^\\s*RETURNS\\s+(\\w+(?:\\(\\d+(?:,\\d+)?\\))?).*?\\bRETURN\\s+(.*?);?\\s*$",
                Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(signature[1]);
        if (signature[0] == null || !m.find()) {
            return "-- emulated model: no rule for this function's shape";
        }
        return "CREATE OR REPLACE FUNCTION " + schema + "." + name + "(" + parameters(signature[0]) + ") RETURNS " + type(m.group(1))
                + "\nLANGUAGE plpgsql STABLE\nSET search_path = " + schema + "\nAS $$\nBEGIN\n    RETURN " + m.group(2).replace("`", "").trim() + ";\nEND\n$$;";
    }

    /** The parameter list between a routine's outer parentheses (nested ones, as in decimal(12,2), kept), and what follows it. */
    private static String[] signature(String rest) {
        int open = rest.indexOf('(');
        if (open < 0 || !rest.substring(0, open).isBlank()) {
            return new String[] {null, rest};
        }
        int depth = 0;
        for (int i = open; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return new String[] {rest.substring(open + 1, i), rest.substring(i + 1)};
            }
        }
        return new String[] {null, rest};
    }

    private static String view(String schema, String name, String rest, Map<String, String> renames) {
        Matcher m = Pattern.compile("^\\s*AS\\s+(.*)$", Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(rest);
        if (!m.find()) {
            return "-- emulated model: no rule for this view's shape";
        }
        String select = m.group(1).replace("`", "");
        // Each table after FROM or JOIN: the source's (qualified or not) becomes the target's, renamed as the prompt lists.
        Matcher table = Pattern.compile("(?i)(\\bfrom\\s+\\(?\\s*|\\bjoin\\s+)((?:\\w+\\.)?(\\w+))(?=[\\s)])").matcher(select);
        StringBuilder out = new StringBuilder();
        while (table.find()) {
            String bare = table.group(3);
            String target = renames.entrySet().stream().filter(e -> e.getKey().endsWith("." + bare)).map(Map.Entry::getValue).findFirst()
                    .orElse(schema + "." + bare);
            table.appendReplacement(out, Matcher.quoteReplacement(table.group(1) + target));
        }
        table.appendTail(out);
        return "CREATE OR REPLACE VIEW " + schema + "." + name + " AS " + out.toString().trim() + ";";
    }

    private static String trigger(String schema, String name, String rest, Map<String, String> renames) {
        Matcher m = Pattern.compile("^\\s*(BEFORE|AFTER)\\s+(INSERT|UPDATE|DELETE)\\s+ON\\s+`?(\\w+)`?\\s+FOR EACH ROW\\s+SET\\s+NEW\\.(\\w+)\\s*=\\s*(.*?);?\\s*$",
                Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(rest);
        if (!m.find()) {
            return "-- emulated model: no rule for this trigger's shape";
        }
        String table = renames.entrySet().stream().filter(e -> e.getKey().endsWith("." + m.group(3))).map(Map.Entry::getValue).findFirst()
                .orElse(schema + "." + m.group(3));
        String function = schema + "." + name + "_fn";
        return "CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger\nLANGUAGE plpgsql\nAS $$\nBEGIN\n    NEW." + m.group(4) + " := "
                + m.group(5).replace("`", "").trim() + ";\n    RETURN NEW;\nEND\n$$;\nCREATE OR REPLACE TRIGGER " + name + " " + m.group(1) + " "
                + m.group(2) + " ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + function + "();";
    }

    /** {@code IN p int, OUT q decimal(12,2)} as PostgreSQL parameters: IN dropped, types cast. */
    private static String parameters(String mysql) {
        List<String> out = new ArrayList<>();
        for (String parameter : mysql.split(",(?![^(]*\\))")) {
            String p = parameter.trim().replace("`", "");
            if (p.isEmpty()) {
                continue;
            }
            Matcher m = Pattern.compile("^(?:(IN|OUT|INOUT)\\s+)?(\\w+)\\s+(.+)$", Pattern.CASE_INSENSITIVE).matcher(p);
            if (m.find()) {
                String mode = m.group(1) == null || m.group(1).equalsIgnoreCase("IN") ? "" : m.group(1).toUpperCase(Locale.ROOT) + " ";
                out.add(mode + m.group(2) + " " + type(m.group(3)));
            }
        }
        return String.join(", ", out);
    }

    private static String type(String mysql) {
        String t = mysql.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("tinyint(1)")) {
            return "boolean";
        }
        if (t.startsWith("decimal")) {
            return t.replace("decimal", "numeric");
        }
        if (t.startsWith("datetime")) {
            return t.replace("datetime", "timestamp");
        }
        return switch (t.replaceAll("\\(\\d+\\)", "")) {
            case "int", "mediumint", "int unsigned" -> "integer";
            case "tinyint", "smallint" -> "smallint";
            case "bigint" -> "bigint";
            case "double" -> "double precision";
            case "float" -> "real";
            default -> t;
        };
    }

    private static String prompt(String body) {
        try {
            JsonNode request = JSON.readTree(body);
            StringBuilder text = new StringBuilder();
            request.path("messages").forEach(m -> m.path("content").forEach(c -> text.append(c.path("text").asText(""))));
            return text.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static Response answer(String text) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
        message.putArray("content").addObject().put("text", text);
        body.put("stopReason", "end_turn");
        body.putObject("usage").put("inputTokens", 1).put("outputTokens", 1).put("totalTokens", 2);
        body.putObject("metrics").put("latencyMs", 1);
        return new Response(200, Map.of("Content-Type", "application/json"), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Response error(int status, String type, String message) {
        String body = JSON.createObjectNode().put("message", message).toString();
        return new Response(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type), body.getBytes(StandardCharsets.UTF_8));
    }
}
