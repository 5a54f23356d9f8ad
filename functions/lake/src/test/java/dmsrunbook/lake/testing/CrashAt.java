package dmsrunbook.lake.testing;

import dmsrunbook.lake.commit.CommitFaults;
import dmsrunbook.lake.commit.CommitStep;

/** Throws at one step of the commit protocol the first {@code times} times it is reached: the invocation dies there. */
public final class CrashAt implements CommitFaults {

    private final CommitStep step;
    private int remaining;

    public CrashAt(CommitStep step, int times) {
        this.step = step;
        this.remaining = times;
    }

    @Override
    public synchronized void at(CommitStep reached) {
        if (reached == step && remaining > 0) {
            remaining--;
            throw new IllegalStateException("simulated crash at " + reached);
        }
    }
}
