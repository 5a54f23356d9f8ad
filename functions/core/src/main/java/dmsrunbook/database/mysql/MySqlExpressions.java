package dmsrunbook.database.mysql;

import static dmsrunbook.database.postgres.PostgresQuoting.identifier;
import static dmsrunbook.database.postgres.PostgresQuoting.literal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Translates the small MySQL expressions a schema holds (check clauses, expression defaults) into PostgreSQL, when
 * they use only what means the same on both sides: column names, numbers, strings, comparisons, AND/OR/NOT,
 * IN, BETWEEN, IS [NOT] NULL, LIKE, arithmetic, CASE, and a few functions with the same meaning ({@code char_length},
 * {@code lower}, {@code upper}, {@code coalesce}/{@code ifnull}, {@code abs}, {@code round}, {@code floor},
 * {@code ceil}, {@code left}, {@code right}, {@code concat}, {@code length} as {@code octet_length}). Anything else
 * (other functions, MySQL's {@code ||} and {@code &&}, bit operators, hex literals, a column whose values change kind
 * such as a tinyint(1) turned boolean) is not translated: the caller reports it as needing a person rather than guess.
 */
public final class MySqlExpressions {

    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("char_length", "char_length"), Map.entry("character_length", "char_length"), Map.entry("length", "octet_length"),
            Map.entry("lower", "lower"), Map.entry("lcase", "lower"), Map.entry("upper", "upper"), Map.entry("ucase", "upper"),
            Map.entry("coalesce", "coalesce"), Map.entry("ifnull", "coalesce"), Map.entry("abs", "abs"), Map.entry("round", "round"),
            Map.entry("floor", "floor"), Map.entry("ceil", "ceil"), Map.entry("ceiling", "ceil"), Map.entry("left", "left"),
            Map.entry("right", "right"), Map.entry("concat", "concat"), Map.entry("trim", "btrim"));
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "between", "is", "null", "like", "true", "false",
            "case", "when", "then", "else", "end", "escape");
    private static final Set<String> OPERATORS = Set.of("=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "(", ")", ",");

    private MySqlExpressions() {
    }

    /**
     * The PostgreSQL text of {@code expression}, or empty when it uses anything outside the translatable subset.
     *
     * @param columns a source column name to its target name (quoted by this method), or null when the expression may
     *                not name it (unknown, or of a kind whose values change)
     */
    public static Optional<String> translate(String expression, Function<String, String> columns) {
        List<String> out = new ArrayList<>();
        String text = expression;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '`') {
                int end = closing(text, i, '`');
                if (end < 0) {
                    return Optional.empty();
                }
                String name = text.substring(i + 1, end).replace("``", "`");
                String target = columns.apply(name);
                if (target == null) {
                    return Optional.empty();
                }
                out.add(identifier(target));
                i = end + 1;
                continue;
            }
            if (c == '\'' || c == '"') {
                int[] end = new int[1];
                String value = string(text, i, end);
                if (value == null) {
                    return Optional.empty();
                }
                out.add(literal(value));
                i = end[0];
                continue;
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
                        || (text.charAt(i) == '-' || text.charAt(i) == '+') && Character.toLowerCase(text.charAt(i - 1)) == 'e')) {
                    i++;
                }
                String number = text.substring(start, i);
                if (!number.matches("\\d+(\\.\\d*)?([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?")) {
                    return Optional.empty(); // 0x1F, 1e, and other forms
                }
                out.add(number);
                continue;
            }
            if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) {
                    i++;
                }
                String word = text.substring(start, i);
                String lower = word.toLowerCase(Locale.ROOT);
                if (word.startsWith("_") && i < text.length() && text.charAt(i) == '\'') {
                    continue; // a character set introducer (_utf8mb4'a'): the string follows
                }
                if ((lower.equals("x") || lower.equals("b")) && i < text.length() && text.charAt(i) == '\'') {
                    return Optional.empty(); // hex and bit literals
                }
                int next = i;
                while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                boolean call = next < text.length() && text.charAt(next) == '(' && !KEYWORDS.contains(lower);
                if (call) {
                    String function = FUNCTIONS.get(lower);
                    if (function == null) {
                        return Optional.empty();
                    }
                    out.add(function);
                } else if (KEYWORDS.contains(lower)) {
                    out.add(lower.toUpperCase(Locale.ROOT));
                } else {
                    String target = columns.apply(word);
                    if (target == null) {
                        return Optional.empty();
                    }
                    out.add(identifier(target));
                }
                continue;
            }
            String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
            if (two.equals("<>") || two.equals("<=") || two.equals(">=") || two.equals("!=")) {
                if (i + 2 < text.length() && text.charAt(i + 2) == '>') {
                    return Optional.empty(); // <=> (null-safe equality)
                }
                out.add(two.equals("!=") ? "<>" : two);
                i += 2;
                continue;
            }
            String one = String.valueOf(c);
            if (OPERATORS.contains(one) && !two.equals("||") && !two.equals("&&") && !two.equals("<<") && !two.equals(">>")) {
                out.add(one);
                i++;
                continue;
            }
            return Optional.empty();
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(join(out));
    }

    private static String join(List<String> tokens) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean tight = token.equals(")") || token.equals(",") || i > 0 && tokens.get(i - 1).equals("(")
                    || token.equals("(") && i > 0 && FUNCTIONS.containsValue(tokens.get(i - 1));
            if (i > 0 && !tight) {
                sql.append(' ');
            }
            sql.append(token);
        }
        return sql.toString();
    }

    private static int closing(String text, int open, char quote) {
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A MySQL string literal's value ('' and backslash escapes), with {@code end[0]} just past it; null if unclosed. */
    static String string(String text, int open, int[] end) {
        char quote = text.charAt(open);
        StringBuilder value = new StringBuilder();
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                value.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> next;
                });
            } else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                value.append(quote);
                i++;
            } else if (c == quote) {
                end[0] = i + 1;
                return value.toString();
            } else {
                value.append(c);
            }
        }
        return null;
    }
}
