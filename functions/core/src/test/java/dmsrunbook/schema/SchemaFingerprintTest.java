package dmsrunbook.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fingerprint changes with any object or definition, and with nothing else. */
class SchemaFingerprintTest {

    private static final Instant NOW = Instant.parse("2026-12-05T22:00:00Z");
    private static final ObjectName ORDERS = new ObjectName("shop", "orders");

    @Test
    void sameObjectsAndDefinitions_giveTheSameHash_whenEverTheyWereRead() {
        SchemaFingerprint first = SchemaFingerprint.of(catalog(Map.of()), NOW);
        SchemaFingerprint later = SchemaFingerprint.of(catalog(Map.of()), NOW.plusSeconds(3600));

        assertThat(later.sameSchemaAs(first)).isTrue();
        assertThat(first.hash()).hasSize(64);
        assertThat(first.shortHash()).isEqualTo(first.hash().substring(0, 12));
        assertThat(first.objects()).isEqualTo(3);
    }

    @Test
    void aNewColumn_anotherType_aChangedBody_orAnObjectMovedBetweenNameAndMember_changeTheHash() {
        SchemaFingerprint before = SchemaFingerprint.of(catalog(Map.of()), NOW);

        assertThat(SchemaFingerprint.of(catalog(Map.of(SchemaObject.of(ObjectKind.COLUMN, ORDERS, "note"), "text")), NOW)
                .sameSchemaAs(before)).as("a new column").isFalse();
        assertThat(SchemaFingerprint.of(catalog(Map.of(SchemaObject.of(ObjectKind.COLUMN, ORDERS, "total"), "numeric(14,2)")), NOW)
                .sameSchemaAs(before)).as("another type").isFalse();
        assertThat(SchemaFingerprint.of(catalog(Map.of(SchemaObject.of(ObjectKind.FUNCTION, new ObjectName("shop", "touch"), ""),
                "BEGIN RETURN NULL; END")), NOW).sameSchemaAs(before)).as("a changed body").isFalse();
        // "shop"."orders.total" is not "shop.orders"."total": parts are kept apart in the hash
        Map<SchemaObject, String> joined = new HashMap<>();
        joined.put(SchemaObject.of(ObjectKind.COLUMN, new ObjectName("shop", "orders.total"), ""), "numeric(12,2)");
        Map<SchemaObject, String> apart = new HashMap<>();
        apart.put(SchemaObject.of(ObjectKind.COLUMN, ORDERS, "total"), "numeric(12,2)");
        assertThat(SchemaFingerprint.of(new SchemaCatalog(joined), NOW).sameSchemaAs(SchemaFingerprint.of(new SchemaCatalog(apart), NOW)))
                .isFalse();
    }

    /** A small inventory: the orders table, its total column and a trigger function; {@code changes} replace or add entries. */
    private static SchemaCatalog catalog(Map<SchemaObject, String> changes) {
        Map<SchemaObject, String> objects = new HashMap<>();
        objects.put(SchemaObject.of(ObjectKind.TABLE, ORDERS), "logged");
        objects.put(SchemaObject.of(ObjectKind.COLUMN, ORDERS, "total"), "numeric(12,2)");
        objects.put(SchemaObject.of(ObjectKind.FUNCTION, new ObjectName("shop", "touch"), ""), "BEGIN NEW.updated_at := now(); RETURN NEW; END");
        objects.putAll(changes);
        return new SchemaCatalog(objects);
    }
}
