package dmsrunbook.schema.proposal;

import dmsrunbook.database.mysql.MySqlSchemaAssessment;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaConversion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a model is asked about: of the objects a conversion leaves to a person, the views, procedures, functions and
 * triggers (code with a PostgreSQL counterpart to create). Events (PostgreSQL has no scheduler), spatial indexes and
 * checks stay with the person; so does an object whose source text the reading user could not see.
 */
public final class ConversionCandidates {

    static final Set<ObjectKind> ASKED = Set.of(ObjectKind.VIEW, ObjectKind.PROCEDURE, ObjectKind.FUNCTION, ObjectKind.TRIGGER);

    private ConversionCandidates() {
    }

    public static List<ConversionCandidate> of(SchemaConversion conversion) {
        List<ConversionCandidate> candidates = new ArrayList<>();
        for (ObjectConversion object : conversion.needsAPerson()) {
            if (!ASKED.contains(object.source().kind()) || object.status() == CheckStatus.FAIL
                    || object.sourceText() == null || !object.sourceText().toUpperCase(java.util.Locale.ROOT).contains("CREATE")) {
                continue;
            }
            List<String> definitions = new ArrayList<>();
            for (ObjectName table : object.refersTo()) {
                String definition = conversion.tableDefinitions().get(table);
                if (definition != null) {
                    definitions.add(definition);
                }
            }
            candidates.add(new ConversionCandidate(key(object), object.source().kind().words(), object.sourceText(),
                    targetSchema(conversion, object), definitions, renamed(conversion, object.refersTo())));
        }
        return candidates;
    }

    /** The name an approver accepts: {@code procedure shop.add_order}, {@code trigger shop.customers.lower_email}. */
    public static String key(ObjectConversion object) {
        return object.source().kind().words() + " " + MySqlSchemaAssessment.name(object.source());
    }

    /** The schema the source's schema becomes (the mappings may rename it); its own name when none is converted. */
    private static String targetSchema(SchemaConversion conversion, ObjectConversion object) {
        String source = object.source().name().schema();
        for (ObjectConversion o : conversion.objects()) {
            if (o.source().kind() == ObjectKind.SCHEMA && o.source().name().schema().equals(source) && o.target() != null) {
                return o.target().name().schema();
            }
        }
        return object.refersTo().isEmpty() ? source : object.refersTo().get(0).schema();
    }

    /** {@code shop.customers -> public.clients} for each referred table whose name changed. */
    private static List<String> renamed(SchemaConversion conversion, List<ObjectName> referred) {
        List<String> renamed = new ArrayList<>();
        for (ObjectConversion o : conversion.objects()) {
            if (o.source().kind() == ObjectKind.TABLE && o.target() != null && referred.contains(o.target().name())
                    && !o.source().name().equals(o.target().name())) {
                renamed.add(o.source().name() + " -> " + o.target().name());
            }
        }
        return renamed;
    }
}
