package dmsrunbook.database.mysql;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.postgres.PostgresTargetSections;
import dmsrunbook.database.postgres.PostgresTargetTriggers;
import dmsrunbook.error.Failures;
import dmsrunbook.error.SchemaNotConvertibleException;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaDifference;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.schema.VerifiedSchema;
import dmsrunbook.spec.ConversionSpec;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prepares a PostgreSQL target's schema from a MySQL or MariaDB source: the conversion (for the assessment report:
 * every object with what it became, and what needs a person), the plan (pre-data and post-data, as for a PostgreSQL
 * source), and applying a section of it as for a PostgreSQL source ({@link PostgresTargetSections}). The conversion is rebuilt from the source
 * each time (deterministic, and too large for a workflow's state); applying is idempotent, so a retried or re-run step
 * changes nothing that is there.
 *
 * <p>As the schema phases' {@link TargetSchemaSteps} for a MySQL-family source and a PostgreSQL target, it verifies
 * the target against the conversion ({@link MySqlTargetVerification}: what the plan creates, each column as converted)
 * rather than against the source, whose types PostgreSQL does not have; the source's fingerprint comes from the same
 * catalog read ({@link MySqlSchemaFingerprints}).
 */
public final class MySqlTargetSchema extends PostgresTargetSections {

    public MySqlTargetSchema(DatabaseConnector connector) {
        super(connector);
    }

    /** The spec's source converted for its target: the plan and every object's conversion. Read only. */
    public SchemaConversion convert(MigrationSpec spec) {
        requireMySqlToPostgres(spec);
        try (Connection source = connector.connect(spec.source())) {
            return convert(source, spec.mappings(), spec.conversion());
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the schema", spec.source().describe(), e);
        }
    }

    /** The plan to apply; refused, naming each problem and its fix, when something would make the load fail. */
    @Override
    public SchemaPlan plan(MigrationSpec spec) {
        return applicablePlan(convert(spec));
    }




    /** The target against the conversion: what the plan creates up to {@code upTo}, and every converted column's definition. */
    @Override
    public VerifiedSchema verify(MigrationSpec spec, SchemaSection upTo) {
        requireMySqlToPostgres(spec);
        MySqlCatalog catalog;
        SchemaConversion conversion;
        try (Connection source = connector.connect(spec.source())) {
            catalog = catalog(source, spec.mappings());
            conversion = MySqlToPostgres.convert(catalog, spec.mappings(), spec.conversion());
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the schema", spec.source().describe(), e);
        }
        try (Connection target = connector.connect(spec.target())) {
            return new VerifiedSchema(MySqlTargetVerification.verify(target, conversion, upTo), MySqlSchemaFingerprints.of(catalog));
        } catch (SQLException e) {
            throw Failures.ofSql("Comparing the target's schema with the conversion", spec.target().describe(), e);
        }
    }

    /** By the mappings' target names, not the conversion: with schema.mode none the schema may not convert at all. */
    @Override
    public List<String> triggers(MigrationSpec spec) {
        return PostgresTargetTriggers.onSelectedTables(spec, connector, new MySqlDialect());
    }

    /** What the target lacks or has otherwise than the conversion of the source's schema now says (a source change shows here). */
    @Override
    public List<SchemaDifference> differences(MigrationSpec spec) {
        return verify(spec, SchemaSection.POST_DATA).verification().differences();
    }

    /** Reads the schemas of the tables {@code mappings} selects and converts those tables. */
    public static SchemaConversion convert(Connection source, TableMappings mappings, ConversionSpec conversion) throws SQLException {
        return MySqlToPostgres.convert(catalog(source, mappings), mappings, conversion);
    }

    /** The catalog of the schemas holding the tables {@code mappings} selects. */
    public static MySqlCatalog catalog(Connection source, TableMappings mappings) throws SQLException {
        List<String> schemas = mappings.select(new MySqlDialect().listTables(source)).stream().map(TableName::schema).distinct().sorted().toList();
        return MySqlCatalogReader.read(source, schemas);
    }

    /** The conversion's plan, unless an object FAILs: then every FAIL, with its fix. */
    public static SchemaPlan applicablePlan(SchemaConversion conversion) {
        List<ObjectConversion> failures = conversion.objects().stream().filter(o -> o.status() == CheckStatus.FAIL).toList();
        if (!failures.isEmpty()) {
            throw new SchemaNotConvertibleException("The source schema cannot be converted as it is: "
                    + failures.stream().map(o -> o.source() + ": " + o.note()).collect(Collectors.joining("; ")),
                    "fix each object named above (conversion.typeOverrides, or DMS mapping rules), then start the migration again");
        }
        return conversion.plan();
    }

    private static void requireMySqlToPostgres(MigrationSpec spec) {
        if (spec.source().engine().family() != DatabaseEngine.Family.MYSQL || spec.target().engine().family() != DatabaseEngine.Family.POSTGRES) {
            throw new IllegalArgumentException("the conversion goes from MySQL or MariaDB to PostgreSQL only, not " + spec.source().describe()
                    + " to " + spec.target().describe());
        }
    }
}
