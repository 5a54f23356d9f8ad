package dmsrunbook.rehearsal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A fault {@code runbook rehearse --fault} injects, and whether the migration is expected to ride it through. */
public enum Fault {
    /** The target cluster stops as in a crash or failover ({@code pg_ctl -m immediate stop}) and starts again. */
    TARGET_RESTART("target-restart", true),
    /** The source cluster stops the same way and starts again: the slot survives, the subscription reconnects. */
    SOURCE_RESTART("source-restart", true),
    /** The replication connections are cut: the source's walsenders and the target's apply and copy workers. */
    REPLICATION_KILL("replication-kill", true),
    /** The target stops and stays down past the spec's retry window: the migration must stop with one alert. */
    TARGET_DOWN("target-down", false),
    /** A row on the target conflicts with one replication brings: the subscription disables itself (disable_on_error). */
    APPLY_ERROR("apply-error", false);

    private final String value;
    private final boolean transientFault;

    Fault(String value, boolean transientFault) {
        this.value = value;
        this.transientFault = transientFault;
    }

    public String value() {
        return value;
    }

    /** True when the migration must still succeed; false when it must end with one alert and a clean source. */
    public boolean isTransient() {
        return transientFault;
    }

    public static Fault of(String value) {
        return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--fault must be one of " + Arrays.stream(values()).map(Fault::value).collect(Collectors.joining(", ")) + ", not " + value));
    }
}
