package dmsrunbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.mapping.TableMappings;

/**
 * The execution input: one migration, validated and with its defaults filled in by {@link SpecReader}.
 * Every phase receives it unchanged; {@code tableMappings} is DMS's table-mapping JSON as users write it;
 * {@code assessment} is null when the spec has no assessment block.
 * {@code conversion} says how a MySQL schema becomes a PostgreSQL one (its defaults when the spec has no such block).
 * {@code faults} says how long an unreachable database is waited for (its defaults when the spec has no such block).
 */
public record MigrationSpec(
        String migrationId,
        ReplicationEngineKind engine,
        MigrationType migrationType,
        EndpointSpec source,
        EndpointSpec target,
        JsonNode tableMappings,
        DmsOptions dms,
        Thresholds thresholds,
        CutoverSpec cutover,
        SchemaSpec schema,
        String alertTopicArn,
        ValidationSpec validation,
        AssessmentOptions assessment,
        ConversionSpec conversion,
        FaultSpec faults) {

    /**
     * How Jackson reads a spec (the state's {@code spec} in every phase request): through {@link SpecReader}, so a
     * spec read from JSON is always checked and normalised, and read once where the JSON enters.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MigrationSpec fromJson(JsonNode json) {
        return SpecReader.read(json);
    }

    /** The selection and transformation rules, parsed (they were checked when the spec was read). */
    public TableMappings mappings() {
        return TableMappings.parse(tableMappings);
    }

    /** The spec's assessment options, or none when it has no {@code assessment} block. */
    public AssessmentOptions assessmentOptions() {
        return assessment == null ? AssessmentOptions.none() : assessment;
    }

    /** A name safe for PostgreSQL objects and DMS identifiers derived from this migration. */
    public String objectName() {
        return "dmsrunbook_" + migrationId.replace('-', '_');
    }
}
