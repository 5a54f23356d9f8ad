package dmsrunbook.testing;

import dmsrunbook.preflight.CheckResult;
import java.util.List;

/** Finds checks in a preflight's results by name, failing with every result when one is missing. */
public final class PreflightResults {

    private PreflightResults() {
    }

    public static CheckResult the(List<CheckResult> results, String side, String check) {
        List<CheckResult> named = all(results, side, check);
        if (named.size() != 1) {
            throw new AssertionError("expected one " + side + " '" + check + "' check, found " + named.size() + " in:\n"
                    + String.join("\n", results.stream().map(CheckResult::line).toList()));
        }
        return named.get(0);
    }

    public static List<CheckResult> all(List<CheckResult> results, String side, String check) {
        return results.stream().filter(r -> r.side().equals(side) && r.check().equals(check)).toList();
    }
}
