package dmsrunbook.lake.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How many DMS files one round takes in: as many as fit in the byte budget, in the order given, and always at least
 * one (a file larger than the budget is taken in alone rather than never). A round downloads its inputs and writes
 * about as much again to the function's {@code /tmp}, so the budget keeps a batch of large LOAD files from filling it.
 * Rounds go on while another fits in the invocation's time.
 */
public final class RoundBudget {

    private RoundBudget() {
    }

    /**
     * A split of files into this round and later ones.
     *
     * @param taken     this round's files
     * @param postponed the rest, in the order given
     */
    public record Split<T>(List<T> taken, List<T> postponed) {
    }

    public static <T> Split<T> split(List<T> files, ToLongFunction<T> bytes, long budget) {
        List<T> taken = new ArrayList<>();
        List<T> postponed = new ArrayList<>();
        long used = 0;
        for (T file : files) {
            long size = bytes.applyAsLong(file);
            if (postponed.isEmpty() && (taken.isEmpty() || used + size <= budget)) {
                taken.add(file);
                used += size;
            } else {
                postponed.add(file);
            }
        }
        return new Split<>(taken, postponed);
    }

    /**
     * Whether another round fits before {@code deadlineMillis} at {@code nowMillis}, a round taking as long as the
     * longest so far and half as much again.
     */
    public static boolean anotherRoundFits(long nowMillis, long longestRoundMillis, long deadlineMillis) {
        return nowMillis + longestRoundMillis * 3 / 2 <= deadlineMillis;
    }
}
