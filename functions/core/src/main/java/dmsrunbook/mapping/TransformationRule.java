package dmsrunbook.mapping;

import java.util.Locale;

/**
 * A DMS {@code transformation} rule on a schema or table name (rename, case, prefix, suffix). Column rules do
 * not change which table rows land in, so they are kept for DMS but ignored here.
 */
record TransformationRule(int ruleId, Target target, NamePattern schema, NamePattern table, String action,
                          String value, String oldValue) {

    enum Target { SCHEMA, TABLE, OTHER }

    /**
     * The name after this rule, for the schema or table part this rule targets. The object locator names the source
     * object, as in DMS: a schema rename applied by an earlier rule does not hide the table from a later one.
     */
    TableName apply(TableName source, TableName name) {
        if (target == Target.OTHER || !schema.matches(source.schema())
                || target == Target.TABLE && table != null && !table.matches(source.table())) {
            return name;
        }
        String subject = target == Target.SCHEMA ? name.schema() : name.table();
        String changed = switch (action) {
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
        return target == Target.SCHEMA ? new TableName(changed, name.table()) : new TableName(name.schema(), changed);
    }
}
