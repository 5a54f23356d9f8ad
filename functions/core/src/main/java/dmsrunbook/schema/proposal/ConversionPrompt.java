package dmsrunbook.schema.proposal;

import dmsrunbook.database.mysql.MySqlTypeCasts;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model is asked for one {@link ConversionCandidate}: the system instructions (one fenced SQL block, nothing
 * else, tables left alone) and the user message carrying the object's MySQL source text, the schema it goes in, the
 * converted CREATE TABLE of each table it refers to, the tables the mappings renamed, and the runbook's cast table, so
 * the model writes against the target's real names and types.
 */
public record ConversionPrompt(String system, String user) {

    static final String SYSTEM = """
            You convert MySQL and MariaDB database objects (views, procedures, functions, triggers) to PostgreSQL 15.
            Answer with exactly one fenced block, ```sql ... ```, holding the PostgreSQL statements that create the object
            and nothing else: schema-qualify what you create, prefer CREATE OR REPLACE, write procedural code in PL/pgSQL,
            and use the tables, column names and types exactly as the converted table definitions give them.
            Never create, alter or drop a table, and never change data. A MySQL trigger becomes a trigger function and a
            CREATE TRIGGER.
            Where something cannot be converted faithfully, say so in an SQL comment (-- ...) inside the block.""";

    /** The heading before the source text; the local stand-in finds the text after it. */
    public static final String SOURCE_HEADING = "MySQL source text:";
    /** The line naming the schema the object belongs in on the target. */
    public static final String TARGET_SCHEMA = "Target schema: ";

    private static final Pattern FENCED = Pattern.compile("```[ \\t]*(?:sql|postgresql|pgsql|plpgsql)?[ \\t]*\\r?\\n(.*?)```",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /** The prompt for {@code candidate}. */
    public static ConversionPrompt of(ConversionCandidate candidate) {
        StringBuilder user = new StringBuilder();
        user.append("Convert this MySQL ").append(candidate.kind()).append(" to PostgreSQL.\n")
                .append(TARGET_SCHEMA).append(candidate.targetSchema()).append("\n\n")
                .append(SOURCE_HEADING).append('\n').append(fenced("mysql", candidate.sourceText())).append('\n');
        if (!candidate.tableDefinitions().isEmpty()) {
            user.append("\nThe tables it refers to, as converted on the PostgreSQL target:\n")
                    .append(fenced("sql", String.join("\n\n", candidate.tableDefinitions()))).append('\n');
        }
        if (!candidate.renamedTables().isEmpty()) {
            user.append("\nTables with another name on the target (MySQL -> PostgreSQL):\n");
            candidate.renamedTables().forEach(r -> user.append("- ").append(r).append('\n'));
        }
        user.append("\nHow the runbook casts MySQL column types (MySQL -> PostgreSQL: why):\n");
        MySqlTypeCasts.rules().forEach(r -> user.append("- ").append(r.source()).append(" -> ").append(r.target()).append(": ").append(r.why()).append('\n'));
        return new ConversionPrompt(SYSTEM, user.toString());
    }

    /**
     * The SQL of a model's answer: its first fenced block, or the whole answer when it is bare SQL starting with CREATE;
     * null when it holds neither (the proposal then says the model gave no SQL).
     */
    public static String sqlOf(String answer) {
        if (answer == null) {
            return null;
        }
        Matcher fenced = FENCED.matcher(answer);
        if (fenced.find()) {
            String sql = fenced.group(1).strip();
            return sql.isEmpty() ? null : sql;
        }
        String bare = answer.strip();
        return bare.toUpperCase(Locale.ROOT).startsWith("CREATE") ? bare : null;
    }

    /** {@code text} in a fence that the text itself cannot close (a longer run of backquotes than it holds). */
    static String fenced(String language, String text) {
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        return fence + language + "\n" + text.strip() + "\n" + fence;
    }
}
