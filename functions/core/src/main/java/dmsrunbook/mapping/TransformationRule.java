package dmsrunbook.mapping;

import java.util.Locale;

/**
 * A DMS {@code transformation} rule on a schema, table or column name (rename, case, prefix, suffix; a column may also
 * be removed). Column rules do not change which table rows land in; they name the columns the target's tables have.
 * Rules on other targets (indexes, tablespaces) are kept for DMS but ignored here.
 */
record TransformationRule(int ruleId, Target target, NamePattern schema, NamePattern table, NamePattern column, String action,
                          String value, String oldValue) {

    enum Target { SCHEMA, TABLE, COLUMN, OTHER }

    /**
     * The name after this rule, for the schema or table part this rule targets. The object locator names the source
     * object, as in DMS: a schema rename applied by an earlier rule does not hide the table from a later one.
     */
    TableName apply(TableName source, TableName name) {
        if (target == Target.OTHER || target == Target.COLUMN || !schema.matches(source.schema())
                || target == Target.TABLE && table != null && !table.matches(source.table())) {
            return name;
        }
        String subject = target == Target.SCHEMA ? name.schema() : name.table();
        String changed = renamed(subject);
        return target == Target.SCHEMA ? new TableName(changed, name.table()) : new TableName(name.schema(), changed);
    }

    /** Whether this is a column rule whose locator matches the source column {@code column} of {@code source}. */
    boolean appliesToColumn(TableName source, String column) {
        return target == Target.COLUMN && schema.matches(source.schema()) && (table == null || table.matches(source.table()))
                && (this.column == null || this.column.matches(column));
    }

    /** The column's name after this column rule (the rule's locator matched the source column). */
    String applyToColumn(String name) {
        return renamed(name);
    }

    private String renamed(String subject) {
        return switch (action) {
            case "rename" -> value;
            case "convert-lowercase" -> subject.toLowerCase(Locale.ROOT);
            case "convert-uppercase" -> subject.toUpperCase(Locale.ROOT);
            case "add-prefix" -> value + subject;
            case "add-suffix" -> subject + value;
            case "remove-prefix" -> subject.startsWith(value) ? subject.substring(value.length()) : subject;
            case "remove-suffix" -> subject.endsWith(value) ? subject.substring(0, subject.length() - value.length()) : subject;
            case "replace-prefix" -> subject.startsWith(oldValue) ? value + subject.substring(oldValue.length()) : subject;
            case "replace-suffix" -> subject.endsWith(oldValue) ? subject.substring(0, subject.length() - oldValue.length()) + value : subject;
            default -> subject;
        };
    }
}
