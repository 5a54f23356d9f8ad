package dmsrunbook.schema.proposal;

import java.util.List;

/**
 * One object that needs a person and that a model may propose a PostgreSQL version of: its name as the approver
 * accepts it ({@code key}, e.g. {@code procedure shop.add_order}), its kind in words, its source text, the schema it
 * belongs in on the target, and the converted CREATE TABLE of each table it refers to.
 */
public record ConversionCandidate(String key, String kind, String sourceText, String targetSchema, List<String> tableDefinitions,
                                  List<String> renamedTables) {

    public ConversionCandidate {
        tableDefinitions = List.copyOf(tableDefinitions);
        renamedTables = List.copyOf(renamedTables);
    }
}
