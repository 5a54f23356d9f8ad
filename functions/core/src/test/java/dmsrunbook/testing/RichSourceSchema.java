package dmsrunbook.testing;

import dmsrunbook.local.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rich PostgreSQL 15 test schema of {@code schema/rich-source.sql} (partitions, domains, enums, standalone
 * sequences, a materialized view on another, triggers, rules, odd names, rows in every table), loaded by psql as an
 * application's DBA would. Shared with the end-to-end stories through core's test jar, so it is read as a resource
 * (from a folder or a jar alike).
 */
public final class RichSourceSchema {

    /** The schema whose name holds a dot, a quote and capitals. */
    public static final String ODD_SCHEMA = "Odd.Schema \"Q\"";
    /** The application's schemas: {@code shop} and the odd one ({@code ext} holds only extensions). */
    public static final List<String> SCHEMAS = List.of("shop", ODD_SCHEMA);

    /**
     * The application's first insert into each table a sequence feeds (partitions included), keyed by
     * {@code table=value it must return} once the cutover carried the source's sequences over (rows as loaded).
     */
    public static final Map<String, String> FIRST_INSERTS;

    /** The tables (partitions included) with a column that takes nextval(...) by default or is an identity column. */
    public static final String TABLES_FED_BY_SEQUENCES = """
            SELECT DISTINCT n.nspname || '.' || c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname IN ('shop', 'Odd.Schema "Q"') AND c.relkind IN ('r', 'p') AND a.attnum > 0
              AND (a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%')""";

    static {
        Map<String, String> inserts = new LinkedHashMap<>();
        inserts.put("shop.customers=130", "INSERT INTO shop.customers (email, name) VALUES ('new@example.com', 'New') RETURNING id");
        inserts.put("shop.products=13", "INSERT INTO shop.products (sku, price) VALUES ('SKU-NEW', 9.99) RETURNING id");
        inserts.put("shop.orders=61", "INSERT INTO shop.orders (customer_id) VALUES (100) RETURNING id");
        inserts.put("shop.orders=5005", "INSERT INTO shop.orders (customer_id) VALUES (101) RETURNING invoice_number - 5");
        inserts.put("shop.archived_orders=63", "INSERT INTO shop.archived_orders (customer_id) VALUES (100) RETURNING id");
        inserts.put("shop.audit_log=181", "INSERT INTO shop.audit_log (what) VALUES ('first') RETURNING id");
        inserts.put("shop.events=91", "INSERT INTO shop.events (occurred_on) VALUES ('2025-02-01') RETURNING id");
        inserts.put("shop.events_2024=92", "INSERT INTO shop.events_2024 (occurred_on) VALUES ('2024-02-01') RETURNING id");
        inserts.put("shop.events_2025=93", "INSERT INTO shop.events_2025 (occurred_on, region) VALUES ('2025-03-01', 'us') RETURNING id");
        inserts.put("shop.events_2025_eu=94", "INSERT INTO shop.events_2025_eu (occurred_on) VALUES ('2025-04-01') RETURNING id");
        inserts.put("shop.events_2025_world=95", "INSERT INTO shop.events_2025_world (occurred_on, region) VALUES ('2025-05-01', 'asia') RETURNING id");
        inserts.put("shop.events_other=96", "INSERT INTO shop.events_other (occurred_on) VALUES ('2031-01-01') RETURNING id");
        inserts.put("shop.legacy_notes=5", "INSERT INTO shop.legacy_notes (note) VALUES ('new') RETURNING id");
        inserts.put("shop.sessions=9", "INSERT INTO shop.sessions (token, expires_at) VALUES (gen_random_uuid(), now()) RETURNING id");
        inserts.put("shop.bookings=11", "INSERT INTO shop.bookings (room, during) VALUES ('New', '[2030-01-01,2030-01-02)') RETURNING id");
        inserts.put("shop.bookings=90", "INSERT INTO shop.bookings (room, during) VALUES ('New', '[2031-01-01,2031-01-02)') RETURNING countdown + 1");
        inserts.put("Odd.Schema \"Q\".Mixed Table=900", "INSERT INTO \"Odd.Schema \"\"Q\"\"\".\"Mixed Table\" (\"Value\") VALUES ('new') RETURNING \"Id\"");
        inserts.put("Odd.Schema \"Q\".Tickets=10", "INSERT INTO \"Odd.Schema \"\"Q\"\"\".\"Tickets\" (\"Title\") VALUES ('new') RETURNING \"TicketId\"");
        FIRST_INSERTS = Collections.unmodifiableMap(inserts);
    }

    private RichSourceSchema() {
    }

    /** The script's text. */
    public static String sql() {
        try (InputStream in = RichSourceSchema.class.getResourceAsStream("/schema/rich-source.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema/rich-source.sql is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the schema and its rows into {@code database} (which must exist) of {@code cluster}. */
    public static void load(LocalPostgres cluster, String database) {
        try {
            Path script = Files.createTempFile("rich-source-", ".sql");
            try {
                Files.writeString(script, sql());
                Process process = cluster.clientTool("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-f", script.toString())
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("psql -f rich-source.sql on " + database + " failed:\n" + output);
                }
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
