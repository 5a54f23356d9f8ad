package dmsrunbook.lake.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that follows the real one, moved on by what a test says has passed (days of retention in a second). */
public final class MutableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the lake reads UTC epoch millis only");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }
}
