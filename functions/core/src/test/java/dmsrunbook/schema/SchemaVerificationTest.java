package dmsrunbook.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaVerificationTest {

    private static final ObjectName ORDERS = new ObjectName("shop", "orders");
    private static final SchemaObject TOTAL = SchemaObject.of(ObjectKind.COLUMN, ORDERS, "total");
    private static final SchemaObject INDEX = SchemaObject.of(ObjectKind.INDEX, new ObjectName("shop", "orders_idx"));

    @Test
    void sameInventories_match() {
        SchemaCatalog catalog = new SchemaCatalog(Map.of(TOTAL, "numeric", INDEX, "CREATE INDEX ..."));
        assertThat(SchemaVerification.between(catalog, catalog).differences()).isEmpty();
        assertThat(SchemaVerification.between(catalog, catalog).matches()).isTrue();
    }

    @Test
    void missingAndDifferentFail_extraIsOnlyListed() {
        SchemaCatalog source = new SchemaCatalog(Map.of(TOTAL, "numeric", INDEX, "CREATE INDEX ..."));
        SchemaObject extra = SchemaObject.of(ObjectKind.INDEX, new ObjectName("shop", "extra_idx"));

        SchemaVerification onlyExtra = SchemaVerification.between(source, new SchemaCatalog(Map.of(TOTAL, "numeric",
                INDEX, "CREATE INDEX ...", extra, "x")));
        SchemaVerification broken = SchemaVerification.between(source, new SchemaCatalog(Map.of(TOTAL, "text")));

        assertThat(onlyExtra.matches()).isTrue();
        assertThat(onlyExtra.differences()).containsExactly(new SchemaDifference(extra, SchemaDifference.Problem.EXTRA, null, "x"));
        assertThat(broken.matches()).isFalse();
        assertThat(broken.failures()).containsExactly("column shop.orders.total: numeric on the source, text on the target",
                "missing on the target: index shop.orders_idx (CREATE INDEX ...)");
    }

    @Test
    void aRenamedSchema_isComparedUnderItsTargetName_andOddNamesAreQuotedInMessages() {
        SchemaObject odd = SchemaObject.of(ObjectKind.SEQUENCE, new ObjectName("Odd.Schema \"Q\"", "Mixed.Seq"));
        SchemaCatalog source = new SchemaCatalog(Map.of(odd, "bigint"));
        SchemaCatalog target = new SchemaCatalog(Map.of(odd.inSchema("renamed"), "bigint"));

        assertThat(SchemaVerification.between(source.renamed(Map.of("Odd.Schema \"Q\"", "renamed")), target).matches()).isTrue();
        assertThat(SchemaVerification.between(source, target).failures())
                .containsExactly("missing on the target: sequence \"Odd.Schema \"\"Q\"\"\".\"Mixed.Seq\" (bigint)");
    }
}
