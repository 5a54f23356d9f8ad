package dmsrunbook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.spec.SpecEcho;
import dmsrunbook.spec.SpecProblems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DMS table mappings as users write them ({@code {"rules": [...]}}), read for what the runbook needs: which
 * source tables a task selects, and what each is called on the target after transformation rules.
 */
public final class TableMappings {

    private static final Set<String> TABLE_ACTIONS = Set.of("rename", "convert-lowercase", "convert-uppercase",
            "add-prefix", "remove-prefix", "replace-prefix", "add-suffix", "remove-suffix", "replace-suffix");
    private static final Set<String> NEEDS_VALUE = Set.of("rename", "add-prefix", "remove-prefix", "replace-prefix",
            "add-suffix", "remove-suffix", "replace-suffix");

    private final List<SelectionRule> selections;
    private final List<TransformationRule> transformations;

    private TableMappings(List<SelectionRule> selections, List<TransformationRule> transformations) {
        this.selections = selections;
        this.transformations = transformations;
    }

    /** Parses mappings already checked by {@link #check}; throws if they are malformed. */
    public static TableMappings parse(JsonNode mappings) {
        SpecProblems problems = new SpecProblems();
        TableMappings parsed = read(mappings, "tableMappings", problems);
        problems.throwIfAny();
        return parsed;
    }

    /** Records every problem of {@code mappings} found at {@code path}. */
    public static void check(JsonNode mappings, String path, SpecProblems problems) {
        read(mappings, path, problems);
    }

    /** Whether DMS would migrate this table: an include (or explicit) rule matches it and no exclude rule does. */
    public boolean selects(TableName table) {
        boolean included = selections.stream().anyMatch(r -> r.action() != SelectionRule.Action.EXCLUDE && r.matches(table));
        boolean excluded = selections.stream().anyMatch(r -> r.action() == SelectionRule.Action.EXCLUDE && r.matches(table));
        return included && !excluded;
    }

    /** The selected tables among {@code catalog}, sorted. */
    public List<TableName> select(Collection<TableName> catalog) {
        return catalog.stream().filter(this::selects).sorted().toList();
    }

    /** The schemas the include rules name literally (or every schema, as {@code %}); used to list the catalog. */
    public List<String> schemaPatterns() {
        return selections.stream().filter(r -> r.action() != SelectionRule.Action.EXCLUDE)
                .map(r -> r.schema().text()).distinct().toList();
    }

    /** Whether any transformation rule changes a name or a column on the target (schema, table or column rules). */
    public boolean transforms() {
        return !transformations.isEmpty();
    }

    /**
     * The name a source column gets on the target, after every column transformation rule in rule order (rename,
     * case, prefix, suffix), or empty when a {@code remove-column} rule leaves it out.
     */
    public Optional<String> targetColumn(TableName sourceTable, String column) {
        String name = column;
        for (TransformationRule rule : transformations) {
            if (!rule.appliesToColumn(sourceTable, column)) {
                continue;
            }
            if (rule.action().equals("remove-column")) {
                return Optional.empty();
            }
            name = rule.applyToColumn(name);
        }
        return Optional.of(name);
    }

    /**
     * The column rules on this source table that change more than names ({@code add-column}, {@code include-column},
     * {@code change-data-type} ...), as {@code rule <id>: <action>}: a schema built from the source's columns does
     * not follow them.
     */
    public List<String> columnRulesNotFollowed(TableName sourceTable) {
        return transformations.stream().filter(r -> r.target() == TransformationRule.Target.COLUMN
                        && r.schema().matches(sourceTable.schema()) && (r.table() == null || r.table().matches(sourceTable.table()))
                        && !TABLE_ACTIONS.contains(r.action()) && !r.action().equals("remove-column"))
                .map(r -> "rule " + r.ruleId() + ": " + r.action()).toList();
    }

    /** The name the table gets on the target, after every schema and table transformation rule in rule order. */
    public TableName targetName(TableName source) {
        TableName name = source;
        for (TransformationRule rule : transformations) {
            name = rule.apply(source, name);
        }
        return name;
    }

    private static TableMappings read(JsonNode mappings, String path, SpecProblems problems) {
        List<SelectionRule> selections = new ArrayList<>();
        List<TransformationRule> transformations = new ArrayList<>();
        int problemsBefore = problems.size();
        if (mappings == null || mappings.isNull()) {
            problems.add(path, "is required", "add DMS table mappings, e.g. {\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
                    + "\"rule-name\":\"1\",\"object-locator\":{\"schema-name\":\"public\",\"table-name\":\"%\"},\"rule-action\":\"include\"}]}");
            return new TableMappings(selections, transformations);
        }
        JsonNode rules = mappings.get("rules");
        if (!mappings.isObject() || rules == null || !rules.isArray()) {
            problems.add(path + ".rules", "must be an array of DMS mapping rules", "write the mappings as DMS takes them: {\"rules\": [...]}");
            return new TableMappings(selections, transformations);
        }
        Map<Integer, Integer> ruleIds = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String rulePath = path + ".rules[" + i + "]";
            if (!rule.isObject()) {
                problems.add(rulePath, "must be a JSON object (one DMS mapping rule), not " + SpecProblems.kind(rule),
                        "write the rule as an object, e.g. {\"rule-type\": \"selection\", \"rule-id\": \"1\", ...}");
                continue;
            }
            String type = rule.path("rule-type").asText("");
            int ruleId = readRuleId(rule, rulePath, problems);
            Integer earlier = ruleId > 0 ? ruleIds.putIfAbsent(ruleId, i) : null;
            if (earlier != null) {
                problems.add(rulePath + ".rule-id", "is the rule-id of rules[" + earlier + "] too", "give each rule its own rule-id (DMS refuses the mappings)");
            }
            JsonNode locator = rule.get("object-locator");
            if (!type.equals("selection") && !type.equals("transformation")) {
                if (!type.equals("table-settings") && !type.equals("post-processing")) {
                    problems.add(rulePath + ".rule-type", "is not a DMS rule type " + SpecEcho.unrepeated(type),
                            "use selection, transformation, table-settings or post-processing");
                }
                continue;
            }
            if (locator == null || !locator.isObject() || !locator.path("schema-name").isTextual()) {
                problems.add(rulePath + ".object-locator", "needs a schema-name", "add \"object-locator\": {\"schema-name\": \"public\", \"table-name\": \"%\"}");
                continue;
            }
            NamePattern schema = new NamePattern(locator.get("schema-name").asText());
            NamePattern table = locator.path("table-name").isTextual() ? new NamePattern(locator.get("table-name").asText()) : null;
            String action = rule.path("rule-action").asText("");
            if (type.equals("selection")) {
                SelectionRule.Action selection = switch (action) {
                    case "include" -> SelectionRule.Action.INCLUDE;
                    case "exclude" -> SelectionRule.Action.EXCLUDE;
                    case "explicit" -> SelectionRule.Action.EXPLICIT;
                    default -> null;
                };
                if (selection == null) {
                    problems.add(rulePath + ".rule-action", "is not a selection action " + SpecEcho.unrepeated(action), "use include, exclude or explicit");
                } else if (table == null) {
                    problems.add(rulePath + ".object-locator.table-name", "is required in a selection rule", "name the table, or % for all");
                } else {
                    selections.add(new SelectionRule(ruleId, schema, table, selection));
                }
            } else {
                String target = rule.path("rule-target").asText("");
                TransformationRule.Target ruleTarget = switch (target) {
                    case "schema" -> TransformationRule.Target.SCHEMA;
                    case "table" -> TransformationRule.Target.TABLE;
                    case "column" -> TransformationRule.Target.COLUMN;
                    default -> TransformationRule.Target.OTHER;
                };
                NamePattern column = locator.path("column-name").isTextual() ? new NamePattern(locator.get("column-name").asText()) : null;
                String value = rule.path("value").isTextual() ? rule.get("value").asText() : null;
                String oldValue = rule.path("old-value").isTextual() ? rule.get("old-value").asText() : null;
                if (ruleTarget == TransformationRule.Target.COLUMN) {
                    // DMS has many column actions (add-column, change-data-type ...); those that name a column need their values.
                    if (TABLE_ACTIONS.contains(action) && NEEDS_VALUE.contains(action) && value == null) {
                        problems.add(rulePath + ".value", "is required by " + action, "add \"value\"");
                        continue;
                    }
                    if (action.startsWith("replace-") && TABLE_ACTIONS.contains(action) && oldValue == null) {
                        problems.add(rulePath + ".old-value", "is required by " + action, "add \"old-value\"");
                        continue;
                    }
                } else if (ruleTarget != TransformationRule.Target.OTHER) {
                    if (!TABLE_ACTIONS.contains(action)) {
                        problems.add(rulePath + ".rule-action", "is not a " + target + " transformation " + SpecEcho.unrepeated(action),
                                "use one of " + String.join(", ", TABLE_ACTIONS.stream().sorted().toList()));
                        continue;
                    }
                    if (NEEDS_VALUE.contains(action) && value == null) {
                        problems.add(rulePath + ".value", "is required by " + action, "add \"value\"");
                        continue;
                    }
                    if (action.startsWith("replace-") && oldValue == null) {
                        problems.add(rulePath + ".old-value", "is required by " + action, "add \"old-value\"");
                        continue;
                    }
                }
                transformations.add(new TransformationRule(ruleId, ruleTarget, schema, table, column, action, value, oldValue));
            }
        }
        if (problems.size() == problemsBefore && selections.stream().noneMatch(r -> r.action() != SelectionRule.Action.EXCLUDE)) {
            problems.add(path + ".rules", "select no table", "add a selection rule with \"rule-action\": \"include\"");
        }
        transformations.sort(Comparator.comparingInt(TransformationRule::ruleId));
        return new TableMappings(List.copyOf(selections), List.copyOf(transformations));
    }

    private static int readRuleId(JsonNode rule, String rulePath, SpecProblems problems) {
        JsonNode id = rule.get("rule-id");
        // DMS takes the id as a string of digits (or a number): a positive whole number, unique among the rules.
        String text = id == null || !(id.isTextual() || id.isIntegralNumber()) ? "" : id.asText("");
        if (text.matches("[0-9]{1,9}") && Integer.parseInt(text) > 0) {
            return Integer.parseInt(text);
        }
        String shape = id == null ? "" : id.isTextual() ? SpecEcho.unrepeated(text) : "(" + SpecProblems.kind(id) + ")";
        problems.add(rulePath + ".rule-id", id == null ? "is required"
                        : text.matches("-?[0-9]{1,9}") ? "must be a positive whole number " + shape : "is not a number " + shape,
                "give each rule a unique numeric rule-id, e.g. \"1\"");
        return 0;
    }
}
