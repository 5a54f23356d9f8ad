package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaDifference;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSelection;
import dmsrunbook.schema.SchemaVerification;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.SchemaDump;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The target's schema built from the source's catalog, as a Lambda must build it (no pg_dump there): pre-data before
 * the rows, post-data after, and the result checked against the source with pg_dump itself.
 */
class PostgresTargetSchemaIT {

    @Test
    void richSchema_preparedInTwoSectionsAroundTheRows_dumpsExactlyAsTheSource() throws Exception {
        // GIVEN a source with partitions, domains, enums, standalone sequences, odd names ... and an empty target
        String source = RichSchema.source("ddl_equal");
        String target = SharedPostgres.freshDatabase("ddl_equal_target");
        SchemaPlan plan;
        SchemaApplyResult pre;
        SchemaApplyResult post;
        try (Connection from = RichSchema.connect(source); Connection to = RichSchema.connect(target)) {
            plan = PostgresTargetSchema.plan(from, RichSchema.SELECTION);

            // WHEN pre-data is applied, the rows copied, then post-data applied
            pre = PostgresTargetSchema.apply(to, plan, SchemaSection.PRE_DATA);
            TableCopy.copy(from, to, RichSchema.SELECTION.sourceSchemas());
            post = PostgresTargetSchema.apply(to, plan, SchemaSection.POST_DATA);
        }

        // THEN the target's pg_dump --schema-only equals the source's, and every table holds the source's rows
        assertThat(SchemaDump.of(target)).containsExactlyElementsOf(SchemaDump.of(source));
        assertThat(rowCounts(target)).isEqualTo(rowCounts(source));
        assertThat(pre.executed()).isNotEmpty();
        assertThat(post.executed()).isNotEmpty();
        // The sections split as pg_dump --section does: no index, foreign key or trigger before the rows are in.
        assertThat(plan.created(SchemaSection.PRE_DATA)).extracting(SchemaObject::kind).doesNotContain(ObjectKind.INDEX,
                ObjectKind.FOREIGN_KEY, ObjectKind.CHECK_CONSTRAINT, ObjectKind.UNIQUE_CONSTRAINT, ObjectKind.TRIGGER,
                ObjectKind.MATERIALIZED_VIEW).contains(ObjectKind.PRIMARY_KEY, ObjectKind.PARTITION, ObjectKind.VIEW);
        assertThat(plan.created(SchemaSection.POST_DATA)).extracting(SchemaObject::kind).doesNotContain(ObjectKind.TABLE,
                ObjectKind.PRIMARY_KEY);
        // A view on a materialized view can only follow it into post-data.
        assertThat(plan.created(SchemaSection.POST_DATA)).contains(SchemaObject.of(ObjectKind.VIEW, new ObjectName("shop", "best_day_label")));
        // Materialized views exist but hold nothing until the cutover refreshes them.
        assertThat(query(target, "SELECT string_agg(relname || '=' || relispopulated, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'm'"))
                .isEqualTo("best_day=false,daily_revenue=false,status_counts=false");
        // Foreign keys were added NOT VALID and validated afterwards.
        assertThat(post.executed()).contains("validate foreign key shop.orders.orders_customer_id_fkey");
        try (Connection from = RichSchema.connect(source); Connection to = RichSchema.connect(target)) {
            assertThat(PostgresTargetSchema.verify(from, to, RichSchema.SELECTION).differences()).isEmpty();
        }
    }

    @Test
    void keysAfterTheData_ordinaryTablesCopiedWithoutTheirPrimaryKeys_postDataBuildsThemFirst_andTheTargetDumpsAsTheSource() throws Exception {
        // GIVEN the rich source, and a target with pre-data and rows as planned for the native engine's copy
        RichSchema.Loaded loaded = RichSchema.loaded("ddl_keys_after", true);
        String target = loaded.target();
        String keyed = "SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'p' "
                + "AND c.relnamespace = 'shop'::regnamespace";
        assertThat(query(target, keyed + " AND NOT (c.relkind = 'p' OR c.relispartition)")).as("ordinary tables' keys before post-data").isEqualTo("0");
        assertThat(query(target, keyed)).as("the partitioned table's and its partitions' keys").isNotEqualTo("0");

        // WHEN post-data is applied
        try (Connection to = RichSchema.connect(target)) {
            PostgresTargetSchema.apply(to, loaded.plan(), SchemaSection.POST_DATA);
        }

        // THEN the ordinary tables' primary keys open post-data, before the foreign keys that need them
        List<SchemaObject> post = loaded.plan().created(SchemaSection.POST_DATA);
        assertThat(post).contains(SchemaObject.of(ObjectKind.PRIMARY_KEY, new ObjectName("shop", "orders"), "orders_pkey"));
        int lastKey = post.stream().filter(o -> o.kind() == ObjectKind.PRIMARY_KEY).mapToInt(post::indexOf).max().orElseThrow();
        assertThat(post.subList(0, lastKey + 1)).extracting(SchemaObject::kind).containsOnly(ObjectKind.PRIMARY_KEY);
        assertThat(loaded.plan().created(SchemaSection.PRE_DATA)).extracting(SchemaObject::kind).contains(ObjectKind.PRIMARY_KEY);
        // AND the target's pg_dump --schema-only equals the source's
        assertThat(SchemaDump.of(target)).containsExactlyElementsOf(SchemaDump.of(loaded.source()));
    }

    @Test
    void applyingAgain_runsNothingAndChangesNothing() throws Exception {
        RichSchema.Pair pair = RichSchema.migrated("ddl_again");
        List<String> before = SchemaDump.of(pair.target());

        try (Connection from = RichSchema.connect(pair.source()); Connection to = RichSchema.connect(pair.target())) {
            SchemaPlan plan = PostgresTargetSchema.plan(from, RichSchema.SELECTION);
            SchemaApplyResult pre = PostgresTargetSchema.apply(to, plan, SchemaSection.PRE_DATA);
            SchemaApplyResult post = PostgresTargetSchema.apply(to, plan, SchemaSection.POST_DATA);

            assertThat(pre.executed()).isEmpty();
            assertThat(post.executed()).isEmpty();
            assertThat(pre.alreadyPresent()).isEqualTo(plan.preData().size());
            assertThat(post.alreadyPresent()).isEqualTo(plan.postData().size());
        }
        assertThat(SchemaDump.of(pair.target())).containsExactlyElementsOf(before);
    }

    @Test
    void aSectionFailingHalfway_leavesNothingBehind_andARetryAfterTheFixCompletesIt() throws Exception {
        // GIVEN a target where someone created shop.products by hand, without the id its primary key needs
        String source = RichSchema.source("ddl_retry");
        String target = SharedPostgres.freshDatabase("ddl_retry_target");
        SharedPostgres.cluster().execute(target, "CREATE SCHEMA shop; CREATE TABLE shop.products (sku text)");
        try (Connection from = RichSchema.connect(source); Connection to = RichSchema.connect(target)) {
            SchemaPlan plan = PostgresTargetSchema.plan(from, RichSchema.SELECTION);

            // WHEN pre-data is applied, it fails on that table's primary key, naming it
            assertThatThrownBy(() -> PostgresTargetSchema.apply(to, plan, SchemaSection.PRE_DATA))
                    .isInstanceOf(SQLException.class).hasMessageContaining("create primary key shop.products.products_pkey")
                    .hasMessageContaining("column \"id\" of relation \"products\" does not exist");

            // THEN nothing of the section stayed (one transaction): not even the schemas and types created before it
            assertThat(query(target, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('ext', 'Odd.Schema \"Q\"')")).isEqualTo("0");
            assertThat(query(target, "SELECT count(*) FROM pg_type WHERE typname = 'order_status'")).isEqualTo("0");

            // AND once the table is fixed, the retried section completes
            SharedPostgres.cluster().execute(target, "DROP TABLE shop.products");
            SchemaApplyResult retried = PostgresTargetSchema.apply(to, plan, SchemaSection.PRE_DATA);
            assertThat(retried.executed()).contains("create table shop.products", "create primary key shop.products.products_pkey");
            assertThat(retried.alreadyPresent()).isEqualTo(1); // the schema shop
        }
    }

    @Test
    void verify_namesAMissingColumn_anotherType_andAMissingIndex() throws Exception {
        // GIVEN a target prepared from the source, then changed by hand
        RichSchema.Pair pair = RichSchema.migrated("ddl_verify");
        SharedPostgres.cluster().execute(pair.target(), """
                ALTER TABLE shop.products DROP COLUMN weight_grams;
                ALTER TABLE shop.sessions ALTER COLUMN user_agent TYPE varchar(50);
                DROP INDEX shop.orders_open_status_idx;
                CREATE INDEX sessions_expiry_idx ON shop.sessions (expires_at);""");

        SchemaVerification verification;
        try (Connection from = RichSchema.connect(pair.source()); Connection to = RichSchema.connect(pair.target())) {
            verification = PostgresTargetSchema.verify(from, to, RichSchema.SELECTION);
        }

        // THEN each change is named with its schema; the column's check constraint went with it; the extra index is noted
        assertThat(verification.matches()).isFalse();
        ObjectName products = new ObjectName("shop", "products");
        assertThat(verification.differences()).containsExactlyInAnyOrder(
                new SchemaDifference(SchemaObject.of(ObjectKind.COLUMN, products, "weight_grams"), SchemaDifference.Problem.MISSING, "integer", null),
                new SchemaDifference(SchemaObject.of(ObjectKind.CHECK_CONSTRAINT, products, "products_weight_grams_check"),
                        SchemaDifference.Problem.MISSING, "CHECK ((weight_grams >= 0))", null),
                new SchemaDifference(SchemaObject.of(ObjectKind.COLUMN, new ObjectName("shop", "sessions"), "user_agent"),
                        SchemaDifference.Problem.DIFFERENT, "text", "character varying(50)"),
                new SchemaDifference(SchemaObject.of(ObjectKind.INDEX, new ObjectName("shop", "orders_open_status_idx")),
                        SchemaDifference.Problem.MISSING,
                        "CREATE INDEX orders_open_status_idx ON shop.orders USING btree (status) WHERE (status <> 'cancelled'::shop.order_status)", null),
                new SchemaDifference(SchemaObject.of(ObjectKind.INDEX, new ObjectName("shop", "sessions_expiry_idx")),
                        SchemaDifference.Problem.EXTRA, null, "CREATE INDEX sessions_expiry_idx ON shop.sessions USING btree (expires_at)"));
        assertThat(verification.failures()).contains("missing on the target: column shop.products.weight_grams (integer)",
                "column shop.sessions.user_agent: text on the source, character varying(50) on the target",
                "missing on the target: index shop.orders_open_status_idx (CREATE INDEX orders_open_status_idx ON shop.orders USING btree "
                        + "(status) WHERE (status <> 'cancelled'::shop.order_status))");
    }

    @Test
    void verify_ofAnEmptyTarget_namesEveryTableAndSequenceMissing_oddNamesIncluded() throws Exception {
        String source = RichSchema.source("ddl_empty");
        String target = SharedPostgres.freshDatabase("ddl_empty_target");

        SchemaVerification verification;
        try (Connection from = RichSchema.connect(source); Connection to = RichSchema.connect(target)) {
            verification = PostgresTargetSchema.verify(from, to, RichSchema.SELECTION);
        }

        assertThat(verification.matches()).isFalse();
        assertThat(verification.failures()).contains("missing on the target: schema \"Odd.Schema \"\"Q\"\"\"",
                "missing on the target: sequence \"Odd.Schema \"\"Q\"\"\".\"Mixed.Seq \"\"X\"\"\" (bigint increment 1 min 1 "
                        + "max 9223372036854775807 start 500 cache 1)",
                "missing on the target: table shop.orders (logged)", "missing on the target: view shop.big_spenders",
                "missing on the target: materialized view shop.daily_revenue", "missing on the target: trigger shop.orders.orders_touch");
    }

    @Test
    void whatThePlanDoesNotCreate_isNamedForTheReport() throws Exception {
        String source = SharedPostgres.freshDatabase("ddl_left_out");
        SharedPostgres.cluster().execute(source, """
                CREATE SCHEMA app;
                CREATE TABLE app.accounts (owner_id int, balance int);
                ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own_rows ON app.accounts USING (owner_id > 0);
                CREATE STATISTICS app.owner_balance ON owner_id, balance FROM app.accounts;
                CREATE AGGREGATE app.total(integer) (sfunc = int4pl, stype = integer);""");

        SchemaPlan plan;
        try (Connection from = RichSchema.connect(source)) {
            plan = PostgresTargetSchema.plan(from, SchemaSelection.sameNames(List.of("app")));
        }

        assertThat(plan.notCarried()).containsExactlyInAnyOrder(
                "row-level security policy app.accounts own_rows: create it on the target by hand",
                "row-level security switched on app.accounts: create it on the target by hand",
                "statistics object app.owner_balance: create it on the target by hand",
                "aggregate app.total(integer): create it on the target with CREATE AGGREGATE",
                "owners and grants: the objects belong to the user that applies the plan; grant access on the target");
        assertThat(plan.created(SchemaSection.PRE_DATA)).extracting(SchemaObject::toString)
                .containsExactly("schema app", "table app.accounts");
    }

    @Test
    void fromASpec_theTargetIsPreparedAndVerified_andASchemaRenameIsRefused() throws Exception {
        RichSchema.Pair pair = new RichSchema.Pair(RichSchema.source("ddl_spec"), SharedPostgres.freshDatabase("ddl_spec_target"));
        PostgresTargetSchema schema = new PostgresTargetSchema(LocalSecretsManager.connector());
        MigrationSpec spec = RichSchema.spec(pair, null);

        assertThat(schema.verify(spec).matches()).isFalse();
        schema.apply(spec, SchemaSection.PRE_DATA);
        schema.apply(spec, SchemaSection.POST_DATA);

        assertThat(schema.verify(spec).differences()).isEmpty();
        assertThat(SchemaDump.of(pair.target())).containsExactlyElementsOf(SchemaDump.of(pair.source()));
        // Function and view bodies name the source's schema: the DDL cannot follow a rename.
        assertThatThrownBy(() -> schema.plan(RichSchema.spec(pair, "store"))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("renames schemas {shop=store}");
    }

    private static String rowCounts(String database) throws SQLException {
        return query(database, """
                SELECT string_agg(format('%s.%s=%s', n.nspname, c.relname,
                       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM ONLY %I.%I', n.nspname, c.relname), false, true, '')))[1]::text),
                       ', ' ORDER BY n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname IN ('shop', 'Odd.Schema "Q"')""");
    }

    private static String query(String database, String sql) throws SQLException {
        try (Connection connection = RichSchema.connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
