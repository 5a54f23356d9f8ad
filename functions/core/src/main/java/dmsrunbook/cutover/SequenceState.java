package dmsrunbook.cutover;

import dmsrunbook.schema.ObjectName;
import java.math.BigInteger;

/**
 * A sequence as it stands: its last value, whether that value was handed out ({@code is_called}; false after creation
 * or {@code setval(..., false)}, when the next call returns {@code lastValue} itself) and its increment.
 */
public record SequenceState(ObjectName name, long lastValue, boolean called, long increment) {

    /** The last value handed out, or the one before the next when none was: where the sequence stands. */
    public BigInteger position() {
        BigInteger last = BigInteger.valueOf(lastValue);
        return called ? last : last.subtract(BigInteger.valueOf(increment));
    }

    /** 1 for a sequence that counts up, -1 for one that counts down. */
    public int direction() {
        return increment < 0 ? -1 : 1;
    }
}
