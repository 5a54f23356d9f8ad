package dmsrunbook.database.mysql;

import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.assessment.AssessedKind;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentClass;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema assessment of a MySQL or MariaDB source for a PostgreSQL target, read from the {@link SchemaConversion}:
 * every object the conversion creates (tables, columns with their source and target types, keys, indexes, foreign keys,
 * checks, enum types, defaults and the ON UPDATE triggers) is {@link AssessmentClass#CREATED}, with what it becomes and
 * any difference in behaviour as a WARN; what no mechanical conversion carries (views, procedures, functions, triggers,
 * events, spatial or functional indexes) is {@link AssessmentClass#NEEDS_PERSON} with its source text and the reason;
 * what the target cannot hold as it is (a geometry without an override, a name that clashes) FAILs with its fix when
 * the workflow creates the schema (schema.mode apply), and needs a person otherwise.
 */
public final class MySqlSchemaAssessment {

    static final String WRITE_IT = "write the PostgreSQL version over the converted tables (the report has its source text), "
            + "or set schema.aiAssist to have Amazon Bedrock propose one for you to accept at the approval";

    private MySqlSchemaAssessment() {
    }

    /** Every object of {@code conversion}, in its order; {@code applied}: whether the workflow creates the converted schema. */
    public static List<AssessedObject> classify(SchemaConversion conversion, boolean applied) {
        List<AssessedObject> objects = new ArrayList<>();
        for (ObjectConversion object : conversion.objects()) {
            objects.add(assessed(object, applied));
        }
        if (!applied) {
            objects.add(AssessedObject.of(AssessedKind.OTHER, "converted schema", AssessmentClass.NEEDS_PERSON,
                    "schema.mode is not apply: the workflow does not create the converted schema, and DMS alone creates bare tables "
                            + "(no secondary indexes, defaults, foreign keys or converted types)",
                    "set schema.mode to apply, or create the target's schema from this report's conversions before the migration"));
        }
        return objects;
    }

    /**
     * One object's verdict. What the conversion cannot create (a FAIL) stops the migration only when the workflow
     * creates the schema; otherwise it is one more thing the person creating it must decide.
     */
    static AssessedObject assessed(ObjectConversion object, boolean applied) {
        AssessedKind kind = kind(object.source());
        String name = name(object.source());
        if (object.outcome() == ObjectConversion.Outcome.NEEDS_A_PERSON) {
            if (object.status() == CheckStatus.FAIL && !applied) {
                return AssessedObject.of(kind, name, AssessmentClass.NEEDS_PERSON, object.note(),
                        "create it by hand on the target (schema.mode is not apply): " + object.note());
            }
            boolean blocks = object.status() == CheckStatus.FAIL;
            String action = blocks ? object.note() : code(kind) ? WRITE_IT : "create it by hand on the target: " + object.note();
            return AssessedObject.of(kind, name, blocks ? AssessmentClass.NOT_SUPPORTED : AssessmentClass.NEEDS_PERSON,
                    object.note(), action).withStatus(object.status()).withSourceText(code(kind) ? object.sourceText() : null);
        }
        String became = object.target() == null ? "not created" : object.target() + (object.targetText() == null ? "" : " " + object.targetText());
        String from = object.sourceText() == null || object.sourceText().isEmpty() ? "" : object.sourceText() + " -> ";
        String detail = from + became + (object.note() == null || object.note().isEmpty() ? "" : "; " + object.note());
        String action = kind == AssessedKind.TABLE ? "created by the schema step before the load; its rows carried by the data movement"
                : object.target() == null ? "nothing to create" : "created by the schema step as shown";
        return AssessedObject.of(kind, name, AssessmentClass.CREATED, detail, action).withStatus(object.status());
    }

    /** Whether a person rewrites the object's code (its source text belongs in the report). */
    static boolean code(AssessedKind kind) {
        return switch (kind) {
            case VIEW, FUNCTION, PROCEDURE, TRIGGER, EVENT, INDEX, CONSTRAINT -> true;
            default -> false;
        };
    }

    private static AssessedKind kind(SchemaObject object) {
        return AssessedKind.of(object.kind());
    }

    /** The object as the assessment names it: {@code shop.orders}, {@code shop.orders.total}, {@code shop.add_order}. */
    public static String name(SchemaObject object) {
        if (object.name().name().isEmpty()) {
            return ObjectName.display(object.name().schema());
        }
        return object.name() + (object.member() == null || object.member().isEmpty() ? "" : "." + ObjectName.display(object.member()));
    }
}
