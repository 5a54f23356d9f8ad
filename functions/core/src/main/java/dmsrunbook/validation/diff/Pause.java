package dmsrunbook.validation.diff;

import java.time.Duration;

/**
 * Waits before a re-check, as the caller decides: sleep for the policy's wait (the default), or poll until
 * replication reports low latency again. {@code attempt} counts from 1.
 */
@FunctionalInterface
public interface Pause {

    void await(Duration wait, int attempt) throws InterruptedException;

    static Pause sleeping() {
        return (wait, attempt) -> Thread.sleep(wait.toMillis());
    }
}
