package dmsrunbook.workflow;

import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightReport;
import java.util.List;

/** The preflight as the state keeps it: how many checks ran and the WARN lines to report. */
public record PreflightOutcome(int checks, int passed, List<String> warnings, boolean hasWarnings, String warningText) {

    static PreflightOutcome of(PreflightReport report) {
        List<String> warnings = report.warnings().stream().map(CheckResult::line).toList();
        int passed = report.checks().size() - warnings.size() - report.failures().size();
        return new PreflightOutcome(report.checks().size(), passed, warnings, !warnings.isEmpty(), String.join("\n", warnings));
    }
}
