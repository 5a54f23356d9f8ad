package dmsrunbook.mapping;

/** A DMS {@code selection} rule: include, exclude or explicitly name the tables an object locator matches. */
record SelectionRule(int ruleId, NamePattern schema, NamePattern table, Action action) {

    enum Action { INCLUDE, EXCLUDE, EXPLICIT }

    boolean matches(TableName name) {
        return schema.matches(name.schema()) && table.matches(name.table());
    }
}
