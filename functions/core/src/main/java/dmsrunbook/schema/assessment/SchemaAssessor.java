package dmsrunbook.schema.assessment;

import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.mysql.MySqlSchemaAssessment;
import dmsrunbook.database.mysql.MySqlTargetSchema;
import dmsrunbook.database.postgres.PostgresAssessmentFacts;
import dmsrunbook.database.postgres.PostgresCatalog;
import dmsrunbook.database.postgres.PostgresCatalogReader;
import dmsrunbook.database.postgres.PostgresDmsTypes;
import dmsrunbook.database.postgres.PostgresSchemaAssessment;
import dmsrunbook.database.postgres.PostgresTargetFacts;
import dmsrunbook.database.postgres.PostgresTargetSchema;
import dmsrunbook.error.SchemaAssessmentFailedException;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.LobPolicy;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaSelection;
import dmsrunbook.spec.AssessmentOptions;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import dmsrunbook.spec.SchemaMode;
import dmsrunbook.spec.TargetPlatformKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Assesses a migration's schema: reads the source (catalog, owners, grants, large objects, event triggers; read only)
 * and what the target is (its platform, version and extensions, or what the spec declares it to be), and classifies
 * every object of the selected schemas ({@link AssessmentClass}). Pure reading: run it as often as you like.
 */
public final class SchemaAssessor {

    private final SupportedExtensions extensionLists;
    private final PostgresDmsTypes dmsTypes;

    public SchemaAssessor() {
        this(SupportedExtensions.shipped(), PostgresDmsTypes.shipped());
    }

    public SchemaAssessor(SupportedExtensions extensionLists, PostgresDmsTypes dmsTypes) {
        this.extensionLists = extensionLists;
        this.dmsTypes = dmsTypes;
    }

    /**
     * The assessment of {@code spec} between {@code source} and {@code target}; {@code target} is null for an S3
     * target, or when the spec declares the target's platform and version and the target is not reachable.
     */
    public SchemaAssessment assess(MigrationSpec spec, Connection source, Connection target, Instant now) throws SQLException {
        List<TableName> selected = spec.mappings().select(DatabaseFamilies.of(spec.source().engine()).dialect().listTables(source));
        List<String> notes = new ArrayList<>();
        List<AssessedObject> objects;
        String targetWords;
        if (spec.source().engine().family() == DatabaseEngine.Family.POSTGRES) {
            SchemaSelection selection = PostgresTargetSchema.selection(spec, source);
            PostgresCatalog catalog = PostgresCatalogReader.read(source, selection.sourceSchemas());
            PostgresAssessmentFacts facts = PostgresAssessmentFacts.read(source, selection.sourceSchemas());
            AssessmentContext context = context(spec, target, selected, notes);
            targetWords = context.platform() != null ? context.platform().describe() : spec.target().describe();
            objects = PostgresSchemaAssessment.classify(catalog, facts, context, dmsTypes);
            if (!selection.renames().isEmpty()) {
                notes.add("schemas renamed on the target: " + selection.renames());
            }
        } else if (spec.target().engine().family() == DatabaseEngine.Family.POSTGRES) {
            targetWords = spec.target().describe();
            SchemaConversion conversion = MySqlTargetSchema.convert(source, spec.mappings(), spec.conversion());
            objects = MySqlSchemaAssessment.classify(conversion, spec.schema().mode() == SchemaMode.APPLY);
            notes.add("column types follow the runbook's cast table (pgloader's defaults where it has one; README, \"Converting a MySQL "
                    + "schema for PostgreSQL\"); conversion.typeOverrides in the spec changes a column's or a source type's target type");
        } else {
            targetWords = spec.target().describe();
            objects = new ArrayList<>();
            for (TableName table : selected) {
                objects.add(AssessedObject.of(AssessedKind.TABLE, table.toString(), AssessmentClass.CARRIED,
                        "its rows are carried by DMS", "nothing to do; the row counts compare it"));
            }
            objects.add(AssessedObject.of(AssessedKind.OTHER, spec.source().engine().value() + " schema objects", AssessmentClass.NEEDS_PERSON,
                    "the runbook assesses the objects of PostgreSQL sources only; DMS creates the tables, nothing else",
                    "convert the rest (indexes, views, routines, triggers) with AWS SCT or DMS Schema Conversion"));
        }
        if (spec.engine() == ReplicationEngineKind.DMS && spec.source().engine().family() == DatabaseEngine.Family.POSTGRES) {
            notes.add("DMS's PostgreSQL source types and limitations: " + dmsTypes.source());
        }
        return new SchemaAssessment(spec.migrationId(), now, spec.engine().value(), spec.source().describe(), targetWords, objects, notes, null);
    }

    private AssessmentContext context(MigrationSpec spec, Connection target, List<TableName> selected, List<String> notes) throws SQLException {
        LobPolicy lobs = spec.engine() == ReplicationEngineKind.DMS && spec.dms() != null
                ? LobPolicy.fromTaskSettings(spec.dms().taskSettings()) : LobPolicy.unlimited();
        boolean replica = spec.target().dmsSettings() != null
                && spec.target().dmsSettings().path("AfterConnectScript").asText("").toLowerCase(Locale.ROOT).matches(".*session_replication_role\\s*(=|to)\\s*'?replica.*");
        boolean numericsAsStrings = spec.source().dmsSettings() != null && spec.source().dmsSettings().path("MapUnboundedNumericAsString").asBoolean(false);
        if (!spec.target().engine().isDatabase()) {
            return new AssessmentContext(spec.engine(), spec.migrationType(), lobs, null, false, null, selected, null, Set.of(), replica, numericsAsStrings);
        }
        if (spec.target().engine().family() != DatabaseEngine.Family.POSTGRES) {
            return new AssessmentContext(spec.engine(), spec.migrationType(), lobs, null, true, null, selected, null, Set.of(), replica, numericsAsStrings);
        }
        PostgresTargetFacts facts = target == null ? null : PostgresTargetFacts.read(target);
        TargetPlatform platform = platform(spec, facts);
        boolean judgedIsReached = facts != null && !platform.declared();
        ExtensionOffers offers = new ExtensionOffers(platform, extensionLists, judgedIsReached ? facts.availableExtensions() : null,
                judgedIsReached ? facts.allowedExtensions() : null);
        if (!judgedIsReached && platform.kind().isManagedByAws()) {
            notes.add("extensions judged by the runbook's list of what " + platform.kind().words() + " offers, dated "
                    + extensionLists.retrieved() + " (assessment/supported-extensions.json says how complete it is)");
        }
        return new AssessmentContext(spec.engine(), spec.migrationType(), lobs, platform, false, offers, selected,
                facts == null ? null : facts.currentUser(), facts == null ? Set.of() : facts.roles(), replica, numericsAsStrings);
    }

    /**
     * The platform judged: the spec's {@code assessment.targetPlatform} and {@code targetVersion} when given, else what
     * the reached target reports (Aurora, RDS or self-managed, and its major version), else what the target engine says.
     */
    static TargetPlatform platform(MigrationSpec spec, PostgresTargetFacts facts) {
        AssessmentOptions options = spec.assessmentOptions();
        TargetPlatformKind reported = facts == null ? null : facts.aurora() ? TargetPlatformKind.AURORA_POSTGRESQL
                : facts.rds() ? TargetPlatformKind.RDS_POSTGRESQL : TargetPlatformKind.SELF_MANAGED_POSTGRESQL;
        TargetPlatformKind kind = options.targetPlatform() != null ? options.targetPlatform() : reported != null ? reported
                : spec.target().engine() == DatabaseEngine.AURORA_POSTGRESQL ? TargetPlatformKind.AURORA_POSTGRESQL : TargetPlatformKind.RDS_POSTGRESQL;
        Integer version = options.targetVersion() != null ? options.targetVersion() : facts == null ? null : facts.majorVersion();
        if (version == null) {
            throw new SchemaAssessmentFailedException("The target was not reached and the spec does not say what it is",
                    "make the target reachable, or set assessment.targetPlatform and assessment.targetVersion in the spec");
        }
        boolean declared = facts == null || kind != reported || version != facts.majorVersion();
        return new TargetPlatform(kind, version, facts == null ? null : facts.version(), declared);
    }
}
