package dmsrunbook.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small application schema for the schema phases' tests: a foreign key, a check constraint, a unique expression
 * index, a secondary index, a trigger, a materialized view, serial keys; and a target prepared from it as the
 * workflow prepares one (PrepareTargetSchema, the rows copied, then FinishTargetSchema).
 */
final class ApplicationSchema {

    static final String DDL = """
            CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL);
            CREATE TABLE orders (id serial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
                                 total numeric(12,2) CHECK (total >= 0), updated_at timestamptz NOT NULL DEFAULT now());
            CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
            """;
    static final String ROWS = """
            INSERT INTO customers (id, email) SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 5) g;
            INSERT INTO orders (id, customer_id, total) SELECT g, 1 + g % 5, g * 2.5 FROM generate_series(1, 20) g;
            """;

    private ApplicationSchema() {
    }

    /** A source database holding the schema and its rows. */
    static String source(LocalCloud cloud, String purpose) {
        return cloud.database(purpose + "_src", DDL + ROWS + "SELECT setval('customers_id_seq', 5); SELECT setval('orders_id_seq', 20);");
    }

    /** The phase's sample event moved onto the two databases, with the spec's schema.mode set. */
    static ObjectNode event(LocalCloud cloud, Class<? extends PhaseHandler<?, ?>> handler, String migrationId, String source,
                            String target, String schemaMode) {
        ObjectNode event = cloud.pointAt(SampleEvents.of(handler), migrationId, source, target);
        SampleEvents.spec(event).putObject("schema").put("mode", schemaMode);
        return event;
    }

    /** PrepareTargetSchema's answer for the migration, after which the rows are copied as replication would. */
    static JsonNode preparedAndLoaded(LocalCloud cloud, String migrationId, String source, String target, String schemaMode) {
        JsonNode prepared = SampleEvents.invoke(new PrepareTargetSchemaHandler(cloud.environment()),
                event(cloud, PrepareTargetSchemaHandler.class, migrationId, source, target, schemaMode));
        cloud.postgres.execute(target, ROWS);
        return prepared;
    }
}
