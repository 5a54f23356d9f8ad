package dmsrunbook.rehearsal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** When during the migration {@code runbook rehearse --fault-at} injects its fault. */
public enum FaultMoment {
    /** While the initial copy of a table is in progress (a table in state "copying" on the target). */
    COPY("copy"),
    /** Once every table is copied and changes stream, before the cutover is requested. */
    CDC("cdc"),
    /** Right after the cutover is approved, while the last changes drain. */
    FINAL_SYNC("final-sync");

    private final String value;

    FaultMoment(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static FaultMoment of(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--fault-at must be one of " + Arrays.stream(values()).map(FaultMoment::value).collect(Collectors.joining(", ")) + ", not " + value));
    }
}
