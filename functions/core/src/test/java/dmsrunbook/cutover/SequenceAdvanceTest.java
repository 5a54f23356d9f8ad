package dmsrunbook.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.schema.ObjectName;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceAdvanceTest {

    private static final ObjectName SEQ = new ObjectName("shop", "orders_id_seq");

    private static SequenceState state(long last, boolean called) {
        return new SequenceState(SEQ, last, called, 1);
    }

    @Test
    void freshTarget_takesTheSourcesValueAndIsCalled() {
        assertThat(SequenceAdvance.decide(state(1, false), state(900, false), null, ""))
                .contains(new SequenceMove(SEQ, 900, false, "source sequence"));
        assertThat(SequenceAdvance.decide(state(1, false), state(40, true), BigInteger.valueOf(40), "shop.orders.id"))
                .contains(new SequenceMove(SEQ, 40, true, "source sequence"));
    }

    @Test
    void aColumnHoldingMoreThanTheSourceHandedOut_winsOverTheSource() {
        assertThat(SequenceAdvance.decide(state(1, false), state(40, true), BigInteger.valueOf(700), "shop.orders.id"))
                .contains(new SequenceMove(SEQ, 700, true, "max(shop.orders.id)"));
    }

    @Test
    void noSourceSequence_theColumnsDecideAlone() {
        assertThat(SequenceAdvance.decide(state(1, false), null, BigInteger.valueOf(7), "shop.orders.id"))
                .contains(new SequenceMove(SEQ, 7, true, "max(shop.orders.id)"));
        assertThat(SequenceAdvance.decide(state(1, false), null, null, "")).isEmpty();
    }

    @Test
    void aTargetAlreadyThereOrAhead_isLeftAlone() {
        assertThat(SequenceAdvance.decide(state(40, true), state(40, true), BigInteger.valueOf(40), "")).isEmpty();
        assertThat(SequenceAdvance.decide(state(1000, true), state(40, true), BigInteger.valueOf(40), "")).isEmpty();
        // Not yet called at 41 means the next is 41: as far as (40, called).
        assertThat(SequenceAdvance.decide(state(41, false), state(40, true), null, "")).isEmpty();
        // Started at 1,000,000 and never used: far ahead of the migrated keys.
        assertThat(SequenceAdvance.decide(state(1_000_000, false), state(40, true), BigInteger.valueOf(40), "")).isEmpty();
    }

    @Test
    void aDescendingSequence_movesDownPastTheSmallestValue() {
        SequenceState target = new SequenceState(SEQ, 100, false, -1);
        SequenceState source = new SequenceState(SEQ, 91, true, -1);
        assertThat(SequenceAdvance.decide(target, source, BigInteger.valueOf(91), "shop.bookings.countdown"))
                .contains(new SequenceMove(SEQ, 91, true, "source sequence"));
        assertThat(SequenceAdvance.decide(target, source, BigInteger.valueOf(5), "shop.bookings.countdown"))
                .contains(new SequenceMove(SEQ, 5, true, "min(shop.bookings.countdown)"));
        assertThat(SequenceAdvance.decide(new SequenceState(SEQ, 3, true, -1), source, BigInteger.valueOf(5), "")).isEmpty();
    }
}
