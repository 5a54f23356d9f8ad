package dmsrunbook.database.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.assessment.AssessedKind;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each conversion outcome is classified in the assessment, with and without the workflow creating the schema. */
class MySqlSchemaAssessmentTest {

    private static final ObjectName ORDERS = new ObjectName("shop", "orders");
    private static final ObjectConversion COLUMN = ObjectConversion.converted(SchemaObject.of(ObjectKind.COLUMN, ORDERS, "customer_id"),
            "int(10) unsigned NOT NULL", SchemaObject.of(ObjectKind.COLUMN, new ObjectName("public", "orders"), "customer_id"), "bigint NOT NULL",
            "int unsigned, bigint -> bigint");
    private static final ObjectConversion GEOMETRY = ObjectConversion.needsAPerson(SchemaObject.of(ObjectKind.COLUMN, new ObjectName("shop", "places"), "location"),
            "geometry NOT NULL", CheckStatus.FAIL, "geometry has no PostgreSQL type without PostGIS: add a conversion.typeOverrides entry", List.of());
    private static final ObjectConversion PROCEDURE = ObjectConversion.needsAPerson(SchemaObject.of(ObjectKind.PROCEDURE, new ObjectName("shop", "add_order"), ""),
            "CREATE PROCEDURE `add_order`() BEGIN INSERT INTO orders VALUES (1); END", CheckStatus.WARN,
            "MySQL's procedural SQL has no mechanical PostgreSQL translation: rewrite it in PL/pgSQL", List.of(ORDERS));
    private static final SchemaConversion CONVERSION = new SchemaConversion(new SchemaPlan(List.of(), List.of(), List.of()),
            List.of(COLUMN, GEOMETRY, PROCEDURE), Map.of());

    @Test
    void whenTheWorkflowCreatesTheSchema_aConvertedColumnIsCreated_theGeometryFails_andTheProcedureNeedsAPersonWithItsText() {
        List<AssessedObject> objects = MySqlSchemaAssessment.classify(CONVERSION, true);

        assertThat(objects).hasSize(3);
        assertThat(objects.get(0)).satisfies(o -> {
            assertThat(o.assessmentClass()).isEqualTo(AssessmentClass.CREATED);
            assertThat(o.name()).isEqualTo("shop.orders.customer_id");
            assertThat(o.detail()).isEqualTo("int(10) unsigned NOT NULL -> column public.orders.customer_id bigint NOT NULL; int unsigned, bigint -> bigint");
            assertThat(o.sourceText()).isNull();
        });
        assertThat(objects.get(1)).satisfies(o -> {
            assertThat(o.assessmentClass()).isEqualTo(AssessmentClass.NOT_SUPPORTED);
            assertThat(o.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(o.action()).contains("conversion.typeOverrides");
        });
        assertThat(objects.get(2)).satisfies(o -> {
            assertThat(o.kind()).isEqualTo(AssessedKind.PROCEDURE);
            assertThat(o.key()).isEqualTo("procedure shop.add_order");
            assertThat(o.assessmentClass()).isEqualTo(AssessmentClass.NEEDS_PERSON);
            assertThat(o.sourceText()).contains("INSERT INTO orders");
            assertThat(o.action()).contains("schema.aiAssist");
        });
    }

    @Test
    void whenAPersonCreatesTheSchema_theGeometryIsTheirsToDecide_andOneLineSaysTheWorkflowCreatesNothing() {
        List<AssessedObject> objects = MySqlSchemaAssessment.classify(CONVERSION, false);

        assertThat(objects.get(1).assessmentClass()).isEqualTo(AssessmentClass.NEEDS_PERSON);
        assertThat(objects.get(1).status()).isEqualTo(CheckStatus.WARN);
        assertThat(objects.get(3)).satisfies(o -> {
            assertThat(o.name()).isEqualTo("converted schema");
            assertThat(o.detail()).contains("schema.mode is not apply");
        });
    }
}
