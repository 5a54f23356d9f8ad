package dmsrunbook.preflight;

import java.util.List;

/** Every check of a preflight run, in the order they ran. */
public record PreflightReport(List<CheckResult> checks) {

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
    }

    public List<CheckResult> warnings() {
        return checks.stream().filter(c -> c.status() == CheckStatus.WARN).toList();
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
