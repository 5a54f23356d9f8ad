package dmsrunbook.database.postgres;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.Failures;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.mapping.TableName;
import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaDifference;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSelection;
import dmsrunbook.schema.SchemaVerification;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.schema.VerifiedSchema;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prepares and checks a PostgreSQL target's schema from a PostgreSQL source's catalog: the plan (pre-data and
 * post-data DDL), applying a section of it, and verifying that the target's schema matches the source's. The plan is
 * rebuilt from the source each time (it is deterministic, and too large to keep in a workflow's state); applying is
 * idempotent, so Step Functions may retry or re-run any step. The workflow's schema phases use it as the PostgreSQL
 * family's {@link TargetSchemaSteps}.
 */
public final class PostgresTargetSchema extends PostgresTargetSections {

    public PostgresTargetSchema(DatabaseConnector connector) {
        super(connector);
    }

    /** The plan for the spec's selected schemas. Schema renames are refused: DDL bodies name the source's schemas. */
    @Override
    public SchemaPlan plan(MigrationSpec spec) {
        requirePostgres(spec);
        try (Connection source = connector.connect(spec.source())) {
            SchemaSelection selection = selection(spec, source);
            if (!selection.renames().isEmpty()) {
                throw new InvalidSpecException(List.of(new InvalidSpecException.SpecProblem("tableMappings",
                        "renames schemas " + selection.renames() + ", which creating the schema cannot follow (function and view bodies name the source's schemas)",
                        "keep the schema names, or create the target schema yourself and verify it instead of applying it")));
            }
            return plan(source, selection, PostgresPrimaryKeysAfterCopy.applies(spec));
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the schema", spec.source().describe(), e);
        }
    }




    @Override
    public VerifiedSchema verify(MigrationSpec spec, SchemaSection upTo) {
        requirePostgres(spec);
        try (Connection source = connector.connect(spec.source()); Connection target = connector.connect(spec.target())) {
            SchemaSelection selection = selection(spec, source);
            PostgresCatalog sourceCatalog = PostgresCatalogReader.read(source, selection.sourceSchemas());
            PostgresCatalog targetCatalog = PostgresCatalogReader.read(target, selection.targetSchemaNames());
            SchemaVerification verification = SchemaVerification.between(PostgresInventory.of(sourceCatalog).renamed(selection.renames()),
                    PostgresInventory.of(targetCatalog));
            if (upTo == SchemaSection.PRE_DATA) {
                // Before the load only what pre-data creates must be there; post-data objects are checked after it.
                Set<SchemaObject> postData = new HashSet<>();
                PostgresDdl.plan(sourceCatalog, PostgresPrimaryKeysAfterCopy.applies(spec)).postData().forEach(statement -> postData.add(
                        statement.object().inSchema(selection.targetSchema(statement.object().name().schema()))));
                verification = new SchemaVerification(verification.differences().stream()
                        .filter(difference -> !postData.contains(difference.object())).toList());
            }
            return new VerifiedSchema(verification, PostgresSchemaFingerprints.of(sourceCatalog));
        } catch (SQLException e) {
            throw Failures.ofSql("Comparing the schemas", spec.source().describe() + " and " + spec.target().describe(), e);
        }
    }

    @Override
    public List<String> triggers(MigrationSpec spec) {
        return PostgresTargetTriggers.onSelectedTables(spec, connector, new PostgresDialect());
    }

    @Override
    public List<SchemaDifference> differences(MigrationSpec spec) {
        requirePostgres(spec);
        try (Connection source = connector.connect(spec.source()); Connection target = connector.connect(spec.target())) {
            SchemaSelection selection = selection(spec, source);
            PostgresCatalog sourceCatalog = PostgresCatalogReader.read(source, selection.sourceSchemas());
            PostgresCatalog targetCatalog = PostgresCatalogReader.read(target, selection.targetSchemaNames());
            // Bodies are compared only when both servers render them alike (the same major version).
            boolean bodies = majorVersion(source) == majorVersion(target);
            return SchemaVerification.between(
                    (bodies ? PostgresInventory.withBodies(sourceCatalog) : PostgresInventory.of(sourceCatalog)).renamed(selection.renames()),
                    bodies ? PostgresInventory.withBodies(targetCatalog) : PostgresInventory.of(targetCatalog)).differences();
        } catch (SQLException e) {
            throw Failures.ofSql("Comparing the schemas", spec.source().describe() + " and " + spec.target().describe(), e);
        }
    }

    private static int majorVersion(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting('server_version_num')::int / 10000");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Compares the target's schema with the source's, object by object. */
    public SchemaVerification verify(MigrationSpec spec) {
        requirePostgres(spec);
        try (Connection source = connector.connect(spec.source()); Connection target = connector.connect(spec.target())) {
            return verify(source, target, selection(spec, source));
        } catch (SQLException e) {
            throw Failures.ofSql("Comparing the schemas", spec.source().describe() + " and " + spec.target().describe(), e);
        }
    }

    public static SchemaPlan plan(Connection source, SchemaSelection selection) throws SQLException {
        return plan(source, selection, false);
    }

    /** The plan; with {@code keysAfterData}, ordinary tables get their primary keys in post-data (see {@link PostgresPrimaryKeysAfterCopy}). */
    public static SchemaPlan plan(Connection source, SchemaSelection selection, boolean keysAfterData) throws SQLException {
        return PostgresDdl.plan(PostgresCatalogReader.read(source, selection.sourceSchemas()), keysAfterData);
    }

    public static SchemaApplyResult apply(Connection target, SchemaPlan plan, SchemaSection section) throws SQLException {
        return PostgresSchemaApplier.apply(target, section, plan.section(section));
    }

    public static SchemaVerification verify(Connection source, Connection target, SchemaSelection selection) throws SQLException {
        PostgresCatalog sourceCatalog = PostgresCatalogReader.read(source, selection.sourceSchemas());
        PostgresCatalog targetCatalog = PostgresCatalogReader.read(target, selection.targetSchemaNames());
        return SchemaVerification.between(PostgresInventory.of(sourceCatalog).renamed(selection.renames()), PostgresInventory.of(targetCatalog));
    }

    /** The schemas of the tables the spec's mappings select on the source (and of include rules naming a schema). */
    public static SchemaSelection selection(MigrationSpec spec, Connection source) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement statement = source.prepareStatement("""
                SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'""");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new TableName(rows.getString(1), rows.getString(2)));
            }
        }
        return SchemaSelection.fromMappings(spec.mappings(), tables);
    }

    private static void requirePostgres(MigrationSpec spec) {
        for (EndpointSpec side : List.of(spec.source(), spec.target())) {
            if (side.engine().family() != DatabaseEngine.Family.POSTGRES) {
                throw new IllegalArgumentException("the schema is built from PostgreSQL to PostgreSQL only, not " + side.describe());
            }
        }
    }
}
