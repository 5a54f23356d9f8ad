package dmsrunbook.schema.assessment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dmsrunbook.preflight.CheckStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The full report of a schema assessment: which migration, when, between what, every object with its class, the
 * notes that frame the verdicts (where the DMS type table and the extension lists come from), and DMS's own
 * premigration assessment once it ran (its findings are merged into {@code objects}).
 */
public record SchemaAssessment(String migrationId, Instant assessedAt, String engine, String source, String target,
                               List<AssessedObject> objects, List<String> notes, DmsPremigrationResult dmsPremigration) {

    public SchemaAssessment {
        objects = List.copyOf(objects);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** How many objects each class holds, every class listed (zero included), in the classes' order. */
    @JsonIgnore
    public Map<AssessmentClass, Integer> counts() {
        Map<AssessmentClass, Integer> counts = new EnumMap<>(AssessmentClass.class);
        for (AssessmentClass c : AssessmentClass.values()) {
            counts.put(c, 0);
        }
        objects.forEach(o -> counts.merge(o.assessmentClass(), 1, Integer::sum));
        return counts;
    }

    /** The effort units of each class (see {@link EffortWeights}). */
    @JsonIgnore
    public Map<AssessmentClass, Integer> units() {
        Map<AssessmentClass, Integer> units = new EnumMap<>(AssessmentClass.class);
        for (AssessmentClass c : AssessmentClass.values()) {
            units.put(c, 0);
        }
        objects.forEach(o -> units.merge(o.assessmentClass(), o.units(), Integer::sum));
        return units;
    }

    @JsonIgnore
    public int totalUnits() {
        return objects.stream().mapToInt(AssessedObject::units).sum();
    }

    @JsonIgnore
    public List<AssessedObject> failures() {
        return objects.stream().filter(o -> o.status() == CheckStatus.FAIL).toList();
    }

    @JsonIgnore
    public List<AssessedObject> warnings() {
        return objects.stream().filter(o -> o.status() == CheckStatus.WARN).toList();
    }

    @JsonIgnore
    public boolean passed() {
        return failures().isEmpty();
    }

    /** This report with each object's proposal from {@code proposalsByKey} ({@link AssessedObject#key()} to its SQL or note). */
    public SchemaAssessment withProposals(Map<String, String> proposalsByKey) {
        List<AssessedObject> merged = objects.stream().map(o -> proposalsByKey.containsKey(o.key()) ? o.withProposal(proposalsByKey.get(o.key())) : o).toList();
        return new SchemaAssessment(migrationId, assessedAt, engine, source, target, merged, notes, dmsPremigration);
    }

    /** This report with DMS's premigration assessment merged in (its findings replace those of an earlier merge). */
    public SchemaAssessment withDmsPremigration(DmsPremigrationResult result) {
        List<AssessedObject> merged = new ArrayList<>(objects.stream().filter(o -> o.kind() != AssessedKind.DMS_ASSESSMENT).toList());
        merged.addAll(result.findings());
        return new SchemaAssessment(migrationId, assessedAt, engine, source, target, merged, notes, result);
    }
}
