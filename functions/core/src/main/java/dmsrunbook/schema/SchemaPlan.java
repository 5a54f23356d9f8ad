package dmsrunbook.schema;

import java.util.List;

/**
 * The statements that build a source's schema on an empty target, each section in dependency order: {@link
 * SchemaSection#PRE_DATA} before the rows are loaded, {@link SchemaSection#POST_DATA} after. {@code notCarried} names
 * the source objects the plan leaves out (with why), for the report.
 */
public record SchemaPlan(List<SchemaStatement> preData, List<SchemaStatement> postData, List<String> notCarried) {

    public SchemaPlan {
        preData = List.copyOf(preData);
        postData = List.copyOf(postData);
        notCarried = List.copyOf(notCarried);
    }

    public List<SchemaStatement> section(SchemaSection section) {
        return section == SchemaSection.PRE_DATA ? preData : postData;
    }

    /** The objects a section creates (not its comments, validations or alterations), in plan order. */
    public List<SchemaObject> created(SchemaSection section) {
        return section(section).stream().filter(s -> s.action() == SchemaStatement.Action.CREATE)
                .map(SchemaStatement::object).toList();
    }
}
