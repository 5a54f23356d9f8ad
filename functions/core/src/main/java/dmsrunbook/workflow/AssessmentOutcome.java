package dmsrunbook.workflow;

import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentClass;
import dmsrunbook.schema.assessment.SchemaAssessment;
import dmsrunbook.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema assessment as the state keeps it, small enough for Step Functions' 256 KB: the counts and effort per
 * class, the WARN lines, the most important objects up to a byte budget (FAILs and WARNs first) with how many were
 * left out, where the full report is (an S3 folder, when a report bucket is configured), and the text of the SNS
 * notice. {@code dmsPremigration} is set by the DMS premigration assessment once it ran (or while it runs).
 */
public record AssessmentOutcome(int objects, Map<String, Integer> counts, Map<String, Integer> units, int totalUnits, String target,
                                List<String> warnings, boolean hasWarnings, String summary, List<AssessedObject> listed, int unlisted,
                                String reportLocation, DmsPremigrationState dmsPremigration, int waitSeconds) {

    /** At most this many bytes of objects are listed in the state; the rest are counted. */
    static final int LISTED_BYTES = 32 * 1024;
    /** At most this many WARN (or FAIL) lines are kept, the rest counted. */
    static final int MAX_LINES = 40;

    static AssessmentOutcome of(SchemaAssessment report, String reportLocation) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.counts().forEach((c, n) -> counts.put(c.value(), n));
        Map<String, Integer> units = new LinkedHashMap<>();
        report.units().forEach((c, n) -> units.put(c.value(), n));
        List<String> warnings = lines(report.warnings());
        List<AssessedObject> listed = new ArrayList<>();
        int bytes = 0;
        List<AssessedObject> ordered = report.objects().stream().sorted(Comparator.comparing((AssessedObject o) -> rank(o.status()))
                .thenComparing(AssessedObject::assessmentClass, Comparator.reverseOrder())).toList();
        for (AssessedObject listedObject : ordered) {
            // Source texts stay in the full report: one routine can be larger than the whole budget.
            AssessedObject object = listedObject.withoutTexts();
            int size = Json.write(object).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + size > LISTED_BYTES) {
                break;
            }
            bytes += size;
            listed.add(object);
        }
        return new AssessmentOutcome(report.objects().size(), counts, units, report.totalUnits(), report.target(), warnings,
                !report.warnings().isEmpty(), summary(report, reportLocation), listed, report.objects().size() - listed.size(),
                reportLocation, null, 0);
    }

    /** The same outcome with DMS's premigration assessment at {@code state}, waiting {@code wait} seconds before the next poll. */
    AssessmentOutcome withDmsPremigration(DmsPremigrationState state, int wait) {
        return new AssessmentOutcome(objects, counts, units, totalUnits, target, warnings, hasWarnings, summary, listed, unlisted,
                reportLocation, state, wait);
    }

    /**
     * The same outcome with DMS's finished assessment merged in: its findings are objects needing a person, counted,
     * listed and summed like the others, and its warnings join the state's.
     */
    AssessmentOutcome mergedWith(List<AssessedObject> findings, DmsPremigrationState state) {
        Map<String, Integer> mergedCounts = new LinkedHashMap<>(counts);
        Map<String, Integer> mergedUnits = new LinkedHashMap<>(units);
        findings.forEach(f -> {
            mergedCounts.merge(f.assessmentClass().value(), 1, Integer::sum);
            mergedUnits.merge(f.assessmentClass().value(), f.units(), Integer::sum);
        });
        List<AssessedObject> mergedListed = new ArrayList<>(findings);
        mergedListed.addAll(listed);
        List<String> mergedWarnings = new ArrayList<>(warnings);
        mergedWarnings.addAll(state.warnings());
        return new AssessmentOutcome(objects + findings.size(), mergedCounts, mergedUnits,
                totalUnits + findings.stream().mapToInt(AssessedObject::units).sum(), target, mergedWarnings,
                hasWarnings || state.hasWarnings(), summary, mergedListed, unlisted, reportLocation, state, 0);
    }

    /** Each object's line, at most {@link #MAX_LINES} of them, then how many more there are. */
    static List<String> lines(List<AssessedObject> objects) {
        List<String> lines = new ArrayList<>(objects.stream().limit(MAX_LINES).map(AssessedObject::line).toList());
        if (objects.size() > MAX_LINES) {
            lines.add("... and " + (objects.size() - MAX_LINES) + " more in the full report");
        }
        return lines;
    }

    /** The SNS notice: the target, counts and effort per class, where the full report is, and the WARN lines. */
    static String summary(SchemaAssessment report, String reportLocation) {
        StringBuilder text = new StringBuilder("Schema assessment of ").append(report.migrationId()).append(": ")
                .append(report.objects().size()).append(" objects, from ").append(report.source()).append(" to ").append(report.target()).append(".\n\n");
        Map<AssessmentClass, Integer> units = report.units();
        report.counts().forEach((c, n) -> text.append("  ").append(c.words()).append(": ").append(n)
                .append(units.get(c) > 0 ? " (" + units.get(c) + " units)" : "").append('\n'));
        text.append("Effort: ").append(report.totalUnits()).append(" units of about five minutes.\n");
        if (reportLocation != null) {
            text.append("Full report: ").append(reportLocation).append("assessment.html\n");
        }
        if (!report.failures().isEmpty()) {
            text.append("\nFAIL:\n");
            lines(report.failures()).forEach(l -> text.append(l).append('\n'));
        }
        if (!report.warnings().isEmpty()) {
            text.append("\nWARN (the migration continues):\n");
            lines(report.warnings()).forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    private static int rank(CheckStatus status) {
        return switch (status) {
            case FAIL -> 0;
            case WARN -> 1;
            case PASS -> 2;
        };
    }
}
