package dmsrunbook.validation;

import dmsrunbook.validation.diff.ChangedRow;
import dmsrunbook.validation.diff.Key;
import dmsrunbook.validation.diff.TableDiffResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table's verdict: its ranges' results combined into one ({@code result}, null when a part failed), and the
 * failures of the parts that could not be diffed. Keys, never values: what the report and the alert show.
 */
public record JudgedTable(String sourceTable, String targetTable, TableVerdict verdict, TableDiffResult result, List<String> failures) {

    public JudgedTable {
        failures = List.copyOf(failures);
    }

    /** One line for people: the table, its verdict, and for a difference its counts and first keys. */
    public String line() {
        StringBuilder line = new StringBuilder(sourceTable);
        if (!sourceTable.equals(targetTable)) {
            line.append(" (target ").append(targetTable).append(')');
        }
        line.append(": ").append(verdict.value());
        if (verdict == TableVerdict.FAILED) {
            return line.append(" - ").append(String.join("; ", failures)).toString();
        }
        line.append(" (").append(result.evidence().value()).append(", ").append(result.sourceRows()).append(" rows on the source, ")
                .append(result.targetRows()).append(" on the target");
        if (result.rechecks() > 0) {
            line.append(", ").append(result.rechecks()).append(result.rechecks() == 1 ? " re-check" : " re-checks");
        }
        line.append(')');
        if (!result.equal()) {
            List<String> kinds = new ArrayList<>();
            if (result.missingOnTarget() > 0) {
                kinds.add(result.missingOnTarget() + " missing on the target" + keys(result.missingKeys()));
            }
            if (result.extraOnTarget() > 0) {
                kinds.add(result.extraOnTarget() + " extra on the target" + keys(result.extraKeys()));
            }
            if (result.changed() > 0) {
                kinds.add(result.changed() + " changed" + changedKeys(result.changedRows()));
            }
            kinds.addAll(result.notes());
            if (!kinds.isEmpty()) {
                line.append(": ").append(String.join("; ", kinds));
            }
        }
        return line.toString();
    }

    private static String keys(List<Key> keys) {
        return keys.isEmpty() ? "" : " (keys " + keys.stream().map(Key::toString).collect(Collectors.joining(", ")) + ")";
    }

    private static String changedKeys(List<ChangedRow> rows) {
        return rows.isEmpty() ? "" : " (keys " + rows.stream().map(r -> r.key() + " [" + String.join(", ", r.columns()) + "]")
                .collect(Collectors.joining(", ")) + ")";
    }
}
