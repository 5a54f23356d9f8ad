package dmsrunbook.preflight;

/**
 * One preflight check on one side: its name (e.g. "wal_level"), the outcome, what was found, and the fix
 * (empty when it passed).
 */
public record CheckResult(String side, String check, CheckStatus status, String detail, String remediation) {

    public static CheckResult pass(String side, String check, String detail) {
        return new CheckResult(side, check, CheckStatus.PASS, detail, "");
    }

    public static CheckResult warn(String side, String check, String detail, String remediation) {
        return new CheckResult(side, check, CheckStatus.WARN, detail, remediation);
    }

    public static CheckResult fail(String side, String check, String detail, String remediation) {
        return new CheckResult(side, check, CheckStatus.FAIL, detail, remediation);
    }

    /** One line for SNS and logs: {@code FAIL source wal_level: is replica -> fix}. */
    public String line() {
        return status + " " + side + " " + check + ": " + detail + (remediation.isEmpty() ? "" : " -> " + remediation);
    }
}
