package dmsrunbook.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The comparison of a target's schema with its source's, object by object. The target matches when nothing is
 * missing or different; objects only on the target are listed but do not fail it (an extra index does no harm).
 */
public record SchemaVerification(List<SchemaDifference> differences) {

    public SchemaVerification {
        differences = List.copyOf(differences);
    }

    /** Compares two inventories whose names are already the target's (see {@link SchemaCatalog#renamed}). */
    public static SchemaVerification between(SchemaCatalog source, SchemaCatalog target) {
        List<SchemaDifference> differences = new ArrayList<>();
        TreeSet<SchemaObject> all = new TreeSet<>(source.objects());
        all.addAll(target.objects());
        for (SchemaObject object : all) {
            String expected = source.definition(object);
            String actual = target.definition(object);
            if (actual == null) {
                differences.add(new SchemaDifference(object, SchemaDifference.Problem.MISSING, expected, null));
            } else if (expected == null) {
                differences.add(new SchemaDifference(object, SchemaDifference.Problem.EXTRA, null, actual));
            } else if (!Objects.equals(expected, actual)) {
                differences.add(new SchemaDifference(object, SchemaDifference.Problem.DIFFERENT, expected, actual));
            }
        }
        return new SchemaVerification(differences);
    }

    public boolean matches() {
        return differences.stream().allMatch(d -> d.problem() == SchemaDifference.Problem.EXTRA);
    }

    /** The differences that fail the verification (missing or different), described one per line. */
    public List<String> failures() {
        return differences.stream().filter(d -> d.problem() != SchemaDifference.Problem.EXTRA)
                .map(SchemaDifference::describe).toList();
    }
}
