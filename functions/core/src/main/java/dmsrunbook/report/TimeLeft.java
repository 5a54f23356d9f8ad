package dmsrunbook.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Estimates how long a migration has left in its current stretch: during the full load, from the share copied so far
 * and the time it took (rows of the source's estimates, or DMS's percent); while catching up, from how fast the lag
 * fell between the last two readings down to the spec's threshold. Empty when neither says anything yet.
 */
public final class TimeLeft {

    private TimeLeft() {
    }

    /** An estimate and what it rests on, in a few words. */
    public record Estimate(Duration left, String basis) {
    }

    public static Optional<Estimate> of(Instant now, Instant copyStarted, List<ExecutionProgress.TableBar> tables, Integer fullLoadPercent,
                                        List<MigrationReport.LagPoint> lag, double lagThresholdSeconds, boolean catchingUp) {
        if (!catchingUp && copyStarted != null) {
            Double fraction = rowsFraction(tables);
            String basis = "rows copied of the source's estimate";
            if (fraction == null && fullLoadPercent != null) {
                fraction = fullLoadPercent / 100.0;
                basis = "DMS's full-load percent";
            }
            if (fraction != null && fraction > 0 && fraction < 1) {
                long elapsed = Duration.between(copyStarted, now).toMillis();
                return Optional.of(new Estimate(Duration.ofMillis((long) (elapsed * (1 - fraction) / fraction)), "full load, from the " + basis));
            }
        }
        if (lag.size() >= 2) {
            MigrationReport.LagPoint before = lag.get(lag.size() - 2);
            MigrationReport.LagPoint last = lag.get(lag.size() - 1);
            double seconds = Duration.between(before.at(), last.at()).toMillis() / 1000.0;
            double falling = (before.seconds() - last.seconds()) / Math.max(0.001, seconds);
            if (last.seconds() <= lagThresholdSeconds) {
                return Optional.of(new Estimate(Duration.ZERO, "lag at or under the threshold of " + (long) lagThresholdSeconds + " s"));
            }
            if (falling > 0) {
                return Optional.of(new Estimate(Duration.ofMillis((long) ((last.seconds() - lagThresholdSeconds) / falling * 1000)),
                        "catch-up, from how fast the lag fell"));
            }
        }
        return Optional.empty();
    }

    private static Double rowsFraction(List<ExecutionProgress.TableBar> tables) {
        long rows = 0;
        long total = 0;
        for (ExecutionProgress.TableBar table : tables) {
            if (table.rows() == null || table.total() == null) {
                return null;
            }
            rows += Math.min(table.rows(), table.total());
            total += table.total();
        }
        return total == 0 ? null : rows / (double) total;
    }
}
