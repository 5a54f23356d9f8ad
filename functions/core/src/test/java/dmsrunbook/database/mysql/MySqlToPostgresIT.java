package dmsrunbook.database.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dmsrunbook.database.postgres.PostgresSchemaApplier;
import dmsrunbook.error.SchemaNotConvertibleException;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.spec.ConversionSpec;
import dmsrunbook.spec.EnumConversion;
import dmsrunbook.spec.TypeOverride;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB schema with every cast case converted for PostgreSQL and applied around a load, as the schema phases will:
 * pre-data, the rows (copied as DMS's load would write them), post-data; then the target's catalog, its behaviour
 * (the ON UPDATE trigger, the identities) and what the conversion lists for a person, on real servers.
 */
class MySqlToPostgresIT {

    private static String source;

    @BeforeAll
    static void loadTheSourceShop() {
        source = ConversionSource.create("conv");
    }

    private static ConversionSpec overrides() {
        return new ConversionSpec(EnumConversion.TYPE, List.of(new TypeOverride(source + ".places", "location", null, "bytea"),
                new TypeOverride(null, null, "year", "integer")));
    }

    @Test
    void everyCastCase_appliedAroundTheLoad_givesTheDocumentedTypesDefaultsKeysIndexesAndChecks() throws Exception {
        // GIVEN the MariaDB shop, DMS mappings that rename and lower-case, two type overrides, and an empty PostgreSQL database
        String target = SharedPostgres.freshDatabase("conv_target");
        TableMappings mappings = ConversionSource.renamingMappings(source);
        try (Connection mysql = ConversionSource.mariaDb(source); Connection pg = ConversionSource.postgres(target)) {
            MySqlCatalog catalog = MySqlTargetSchema.catalog(mysql, mappings);
            SchemaPlan plan = MySqlTargetSchema.applicablePlan(MySqlToPostgres.convert(catalog, mappings, overrides()));

            // WHEN pre-data is applied, the rows loaded (one more arrives after the plan was made, as CDC would bring it), then post-data
            SchemaApplyResult pre = PostgresSchemaApplier.apply(pg, SchemaSection.PRE_DATA, plan.preData());
            SharedMariaDb.server().execute(source, "INSERT INTO articles (id, slug, title) VALUES (50, 'late', 'Late')");
            Map<TableName, Long> copied = MySqlRowCopy.copy(mysql, pg, MySqlTargetSchema.catalog(mysql, mappings), mappings);
            SchemaApplyResult post = PostgresSchemaApplier.apply(pg, SchemaSection.POST_DATA, plan.postData());

            // THEN every table is there under its DMS name, with every source row
            assertThat(pre.executed()).contains("create schema shop", "create enum type shop.orders_status", "create table shop.clients",
                    "create table shop.orderitems", "create primary key shop.orderitems.orderitems_pkey");
            assertThat(copied.values()).containsExactly(3L, 4L, 3L, 3L, 3L, 1L);
            assertThat(rows(pg, "SELECT c.relname || '=' || (xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM shop.' || quote_ident(c.relname), "
                    + "false, true, '')))[1]::text FROM pg_class c WHERE c.relnamespace = 'shop'::regnamespace AND c.relkind = 'r' ORDER BY 1"))
                    .containsExactly("all_types=3", "articles=4", "clients=3", "orderitems=3", "orders=3", "places=1");

            // AND each column has the cast table's type, its default and its NOT NULL
            Map<String, String> columns = columns(pg);
            assertThat(columns).containsAllEntriesOf(Map.ofEntries(
                    entry("all_types.id", "integer not null"),
                    entry("all_types.flag", "boolean"),
                    entry("all_types.ti", "smallint"), entry("all_types.tiu", "smallint"), entry("all_types.si", "smallint"),
                    entry("all_types.siu", "integer"), entry("all_types.mi", "integer"), entry("all_types.miu", "integer"),
                    entry("all_types.i", "integer"), entry("all_types.iu", "bigint"), entry("all_types.bi", "bigint"),
                    entry("all_types.biu", "numeric(20,0)"),
                    entry("all_types.d", "numeric(10,3) default 1.500"),
                    entry("all_types.f", "real"), entry("all_types.db", "double precision"),
                    entry("all_types.b1", "boolean default true"),
                    entry("all_types.b5", "bit varying(5) default '00101'::\"bit\""),
                    entry("all_types.c", "character(4) default 'ab'::bpchar"),
                    entry("all_types.vc", "character varying(20) default 'it''s'::character varying"),
                    entry("all_types.tt", "text"), entry("all_types.tx", "text"), entry("all_types.mt", "text"), entry("all_types.lt", "text"),
                    entry("all_types.bn", "bytea"), entry("all_types.vb", "bytea"), entry("all_types.tb", "bytea"), entry("all_types.bl", "bytea"),
                    entry("all_types.mb", "bytea"), entry("all_types.lb", "bytea"),
                    entry("all_types.js", "jsonb"),
                    entry("all_types.dt", "date"),
                    entry("all_types.dtm", "timestamp(0) without time zone"),
                    entry("all_types.ts", "timestamp(0) with time zone"),
                    entry("all_types.tm", "time(2) without time zone"),
                    entry("all_types.yr", "integer default 2024"),
                    entry("all_types.u", "uuid"), entry("all_types.ip", "inet"),
                    entry("all_types.order", "integer"), entry("all_types.i_twice", "integer"), entry("all_types.q", "integer"),
                    entry("all_types.made", "character varying(10) default concat('a', 'b')"),
                    entry("clients.id", "bigint not null identity"),
                    entry("clients.name", "character varying(100) collate C"),
                    entry("clients.active", "boolean not null default true"),
                    entry("clients.created_at", "timestamp(0) with time zone not null default now()"),
                    entry("clients.updated_at", "timestamp(0) with time zone not null default now()"),
                    entry("orders.id", "bigint not null identity"),
                    entry("orders.customer_id", "bigint not null"),
                    entry("orders.status", "shop.orders_status not null default 'new'::shop.orders_status"),
                    entry("orders.tags", "text default 'gift,express'::text"),
                    entry("orders.total", "numeric(12,2) not null default 0.00"),
                    entry("orders.ordered_on", "date"),
                    entry("orders.shipped_at", "timestamp(3) without time zone"),
                    entry("orderitems.orderid", "bigint not null"),
                    entry("orderitems.lineno", "smallint not null"),
                    entry("orderitems.user", "character varying(40)"),
                    entry("articles.id", "integer not null identity"),
                    entry("places.location", "bytea not null")));
            assertThat(rows(pg, "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'shop.orders_status'::regtype ORDER BY enumsortorder"))
                    .containsExactly("new", "paid", "shipped", "it's");

            // AND the indexes: unique prefix as left(), unbounded prefix as left(), bounded prefix whole, FULLTEXT as GIN
            assertThat(rows(pg, "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'shop' ORDER BY indexname")).containsExactly(
                    "all_types_pkey: CREATE UNIQUE INDEX all_types_pkey ON shop.all_types USING btree (id)",
                    "articles_pkey: CREATE UNIQUE INDEX articles_pkey ON shop.articles USING btree (id)",
                    "clients_pkey: CREATE UNIQUE INDEX clients_pkey ON shop.clients USING btree (id)",
                    "ft_title_body: CREATE INDEX ft_title_body ON shop.articles USING gin (to_tsvector('simple'::regconfig, "
                            + "(((COALESCE(title, ''::character varying))::text || ' '::text) || COALESCE(body, ''::text))))",
                    "idx_body_prefix: CREATE INDEX idx_body_prefix ON shop.articles USING btree (\"left\"(body, 30))",
                    "idx_customer: CREATE INDEX idx_customer ON shop.orders USING btree (customer_id)",
                    "idx_title_prefix: CREATE INDEX idx_title_prefix ON shop.articles USING btree (title)",
                    "orderitems_pkey: CREATE UNIQUE INDEX orderitems_pkey ON shop.orderitems USING btree (orderid, lineno)",
                    "orders_pkey: CREATE UNIQUE INDEX orders_pkey ON shop.orders USING btree (id)",
                    "places_pkey: CREATE UNIQUE INDEX places_pkey ON shop.places USING btree (id)",
                    "uq_email: CREATE UNIQUE INDEX uq_email ON shop.clients USING btree (email)",
                    "uq_slug_prefix: CREATE UNIQUE INDEX uq_slug_prefix ON shop.articles USING btree (\"left\"((slug)::text, 50))");
            // AND the foreign keys are validated, the checks (MariaDB's own, and the set's labels) in place, json_valid gone
            assertThat(rows(pg, "SELECT conrelid::regclass || '.' || conname || ' ' || contype::text || ' ' || convalidated || ': ' || pg_get_constraintdef(oid) "
                    + "FROM pg_constraint WHERE connamespace = 'shop'::regnamespace AND contype IN ('c', 'f') ORDER BY 1")).containsExactly(
                    "shop.all_types.q c true: CHECK ((q <> 5))",
                    "shop.orderitems.fk_items_order f true: FOREIGN KEY (orderid) REFERENCES shop.orders(id) ON UPDATE RESTRICT ON DELETE RESTRICT",
                    "shop.orders.chk_total c true: CHECK (((total >= (0)::numeric) AND (total < (1000000)::numeric)))",
                    "shop.orders.fk_orders_customer f true: FOREIGN KEY (customer_id) REFERENCES shop.clients(id) ON UPDATE RESTRICT ON DELETE CASCADE",
                    "shop.orders.tags_check c true: CHECK (((tags = ''::text) OR (string_to_array(tags, ','::text) <@ ARRAY['gift'::text, "
                            + "'express'::text, 'fragile'::text])))");
            assertThat(post.executed()).contains("validate foreign key shop.orders.fk_orders_customer", "validate foreign key shop.orderitems.fk_items_order");

            // AND values arrived as DMS's load writes them: tinyint(1) and bit as booleans, zero dates as NULL, unsigned maxima whole
            assertThat(rows(pg, "SELECT concat_ws('|', flag, b1, b5, biu, iu, tiu, c, vc, js, tm, yr, u, ip) FROM shop.all_types ORDER BY id"))
                    .containsExactly("t|f|10110|18446744073709551615|4294967295|255|xy  |hello  |{\"a\": [1, 2], \"b\": 1}|01:30:00.25|1999|"
                                    + "123e4567-e89b-12d3-a456-426614174000|2001:db8::1",
                            "f|t|00001|1|1|1|abcd||[]|00:00:00|1901|::ffff:127.0.0.1", "");
            assertThat(rows(pg, "SELECT id || ':' || coalesce(ordered_on::text, 'null') || ':' || coalesce(shipped_at::text, 'null') || ':' || status "
                    + "|| ':' || tags FROM shop.orders ORDER BY id"))
                    .containsExactly("1:2024-02-01:2024-02-02 09:30:00.25:paid:gift", "2:null:null:it's:", "3:2024-03-01:2024-03-02 00:00:00:shipped:express,fragile");

            // AND ON UPDATE CURRENT_TIMESTAMP behaves as on MySQL: an UPDATE setting the column keeps it, any other change stamps it
            execute(pg, "UPDATE shop.clients SET updated_at = '2000-01-01 00:00:00+00', name = 'Ann B' WHERE id = 1");
            assertThat(rows(pg, "SELECT updated_at = '2000-01-01 00:00:00+00' FROM shop.clients WHERE id = 1")).containsExactly("t");
            execute(pg, "UPDATE shop.clients SET name = 'Ann C' WHERE id = 1");
            assertThat(rows(pg, "SELECT updated_at > now() - interval '1 minute' FROM shop.clients WHERE id = 1")).containsExactly("t");
            execute(pg, "UPDATE shop.clients SET updated_at = '2001-01-01 00:00:00+00' WHERE id = 2; UPDATE shop.clients SET name = name WHERE id = 2");
            assertThat(rows(pg, "SELECT updated_at = '2001-01-01 00:00:00+00' FROM shop.clients WHERE id = 2")).as("nothing changed: not stamped")
                    .containsExactly("t");

            // AND identities continue after the source's AUTO_INCREMENT and after the largest id loaded
            assertThat(rows(pg, "INSERT INTO shop.clients (email) VALUES ('new@example.com') RETURNING id")).containsExactly("1000");
            assertThat(rows(pg, "INSERT INTO shop.orders (customer_id) VALUES (1000) RETURNING id || ':' || status || ':' || tags"))
                    .containsExactly("5000:new:gift,express");
            assertThat(rows(pg, "INSERT INTO shop.articles (slug, title) VALUES ('next', 'Next') RETURNING id")).containsExactly("51");

            // AND a second run changes nothing: every statement finds its effect already there
            SchemaApplyResult preAgain = PostgresSchemaApplier.apply(pg, SchemaSection.PRE_DATA, plan.preData());
            SchemaApplyResult postAgain = PostgresSchemaApplier.apply(pg, SchemaSection.POST_DATA, plan.postData());
            assertThat(preAgain.executed()).isEmpty();
            assertThat(postAgain.executed()).isEmpty();
            assertThat(postAgain.alreadyPresent()).isEqualTo(plan.postData().size());
        }
    }

    @Test
    void whatNoConversionCarries_isListedWithItsSourceTextAndWhy() throws Exception {
        SchemaConversion conversion = convert(ConversionSource.renamingMappings(source), overrides());

        Map<String, ObjectConversion> person = new TreeMap<>();
        conversion.needsAPerson().forEach(o -> person.put(o.source().toString(), o));
        assertThat(person).containsOnlyKeys(
                "view " + source + ".customer_totals", "procedure " + source + ".add_order()", "function " + source + ".order_count()",
                "trigger " + source + ".customers.customers_lower_email", "event " + source + ".purge_new_orders",
                "index " + source + ".places.sp_location");
        assertThat(person.values()).allSatisfy(o -> {
            assertThat(o.outcome()).isEqualTo(ObjectConversion.Outcome.NEEDS_A_PERSON);
            assertThat(o.status()).isEqualTo(CheckStatus.WARN);
            assertThat(o.target()).isNull();
            assertThat(o.note()).isNotBlank();
        });
        assertThat(person.get("view " + source + ".customer_totals").sourceText()).startsWith("CREATE ALGORITHM=UNDEFINED")
                .contains("VIEW `customer_totals` AS select");
        assertThat(person.get("view " + source + ".customer_totals").refersTo())
                .containsExactly(new ObjectName("shop", "clients"), new ObjectName("shop", "orders"));
        assertThat(person.get("procedure " + source + ".add_order()").sourceText()).contains("PROCEDURE `add_order`", "INSERT INTO orders");
        assertThat(person.get("function " + source + ".order_count()").sourceText()).contains("FUNCTION `order_count`", "RETURNS int");
        assertThat(person.get("trigger " + source + ".customers.customers_lower_email").sourceText())
                .contains("TRIGGER customers_lower_email BEFORE INSERT ON customers");
        assertThat(person.get("trigger " + source + ".customers.customers_lower_email").refersTo()).containsExactly(new ObjectName("shop", "clients"));
        assertThat(person.get("event " + source + ".purge_new_orders").sourceText()).contains("EVENT `purge_new_orders`", "DELETE FROM orders");
        assertThat(person.get("event " + source + ".purge_new_orders").note()).contains("pg_cron");
        // The plan names them as not carried, and what a reviewer needs beside them is the converted tables.
        assertThat(conversion.plan().notCarried()).anyMatch(l -> l.startsWith("view " + source + ".customer_totals: needs a person"))
                .anyMatch(l -> l.startsWith("event " + source + ".purge_new_orders: needs a person"));
        assertThat(conversion.tableDefinitions().get(new ObjectName("shop", "clients"))).startsWith("CREATE TABLE IF NOT EXISTS \"shop\".\"clients\"")
                .contains("ADD CONSTRAINT \"clients_pkey\" PRIMARY KEY (\"id\")");
        // The ON UPDATE CURRENT_TIMESTAMP column is converted (a trigger), not listed for a person.
        assertThat(person.keySet()).noneMatch(k -> k.contains("updated_at"));
    }

    @Test
    void aGeometryWithoutAnOverride_failsTheConversion_namingTheColumnAndTheFix() throws Exception {
        SchemaConversion conversion = convert(ConversionSource.renamingMappings(source), ConversionSpec.defaults());

        assertThat(conversion.applicable()).isFalse();
        assertThat(conversion.warnings()).filteredOn(o -> o.status() == CheckStatus.FAIL).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo(SchemaObject.of(ObjectKind.COLUMN, new ObjectName(source, "places"), "location"));
            assertThat(o.note()).contains("conversion.typeOverrides", "\"type\": \"geometry\"", "remove-column");
        });
        assertThatThrownBy(() -> MySqlTargetSchema.applicablePlan(conversion)).isInstanceOf(SchemaNotConvertibleException.class)
                .hasMessageContaining("column " + source + ".places.location");
    }

    @Test
    void withoutMappingRules_namesKeepTheirCase_andThoseAQueryMustQuoteAreFlagged() throws Exception {
        SchemaConversion conversion = convert(ConversionSource.plainMappings(source), overrides());

        ObjectConversion items = only(conversion, SchemaObject.of(ObjectKind.TABLE, new ObjectName(source, "OrderItems")));
        assertThat(items.target()).isEqualTo(SchemaObject.of(ObjectKind.TABLE, new ObjectName(source, "OrderItems")));
        assertThat(items.status()).isEqualTo(CheckStatus.WARN);
        assertThat(items.note()).contains("queries must quote the name \"OrderItems\"", "convert-lowercase");
        ObjectConversion user = only(conversion, SchemaObject.of(ObjectKind.COLUMN, new ObjectName(source, "OrderItems"), "user"));
        assertThat(user.note()).contains("a reserved word in PostgreSQL");
        ObjectConversion orderId = only(conversion, SchemaObject.of(ObjectKind.COLUMN, new ObjectName(source, "OrderItems"), "OrderId"));
        assertThat(orderId.target()).isEqualTo(SchemaObject.of(ObjectKind.COLUMN, new ObjectName(source, "OrderItems"), "OrderId"));
        assertThat(orderId.note()).contains("capitals: MySQL matches column names without case");
        assertThat(conversion.plan().preData()).anyMatch(s -> s.sql().startsWith("CREATE TABLE IF NOT EXISTS \"" + source + "\".\"OrderItems\""));
    }

    @Test
    void enumsAsChecks_areTextColumnsThatRefuseOtherLabels() throws Exception {
        String target = SharedPostgres.freshDatabase("conv_enum_check");
        SchemaConversion conversion = convert(ConversionSource.renamingMappings(source),
                new ConversionSpec(EnumConversion.CHECK, overrides().typeOverrides()));
        try (Connection pg = ConversionSource.postgres(target)) {
            PostgresSchemaApplier.apply(pg, SchemaSection.PRE_DATA, conversion.plan().preData());
            PostgresSchemaApplier.apply(pg, SchemaSection.POST_DATA, conversion.plan().postData());

            assertThat(columns(pg)).containsEntry("orders.status", "text not null default 'new'::text");
            assertThat(rows(pg, "SELECT count(*) FROM pg_type WHERE typnamespace = 'shop'::regnamespace AND typtype = 'e'")).containsExactly("0");
            execute(pg, "INSERT INTO shop.clients (id, email) VALUES (1, 'a@example.com'); INSERT INTO shop.orders (customer_id, status) VALUES (1, 'it''s')");
            assertThatThrownBy(() -> execute(pg, "INSERT INTO shop.orders (customer_id, status) VALUES (1, 'lost')"))
                    .hasMessageContaining("status_check");
        }
    }

    private static SchemaConversion convert(TableMappings mappings, ConversionSpec spec) throws SQLException {
        try (Connection mysql = ConversionSource.mariaDb(source)) {
            return MySqlTargetSchema.convert(mysql, mappings, spec);
        }
    }

    private static ObjectConversion only(SchemaConversion conversion, SchemaObject source) {
        List<ObjectConversion> found = conversion.objects().stream().filter(o -> o.source().equals(source)).toList();
        assertThat(found).as(source.toString()).hasSize(1);
        return found.get(0);
    }

    /** {@code table.column} to {@code type [not null] [default expr] [identity] [collate c]}, for schema shop. */
    private static Map<String, String> columns(Connection pg) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        for (String row : rows(pg, """
                SELECT c.relname || '.' || a.attname || E'\\t' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' collate ' || co.collname ELSE '' END
                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                       || CASE WHEN a.attidentity <> '' THEN ' identity' ELSE '' END
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_collation co ON co.oid = a.attcollation
                WHERE c.relnamespace = 'shop'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped""")) {
            String[] parts = row.split("\t", 2);
            columns.put(parts[0], parts[1]);
        }
        return columns;
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
