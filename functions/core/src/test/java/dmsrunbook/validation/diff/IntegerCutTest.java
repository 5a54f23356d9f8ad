package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An integer cut's arithmetic numbers every key as its boundaries do, including keys outside the cut's span. */
class IntegerCutTest {

    @Test
    void arithmeticPart_isThePartTheBoundsPutAKeyIn_insideAndOutsideTheSpan() {
        for (int parts : new int[] {2, 3, 7, 16, 1024}) {
            IntegerCut cut = IntegerCut.of(BigInteger.valueOf(-50), BigInteger.valueOf(1234), parts);
            long[] lowCapWidth = cut.asLongs().orElseThrow();
            for (long key = -200; key <= 1500; key++) {
                long arithmetic = (Math.min(Math.max(key, lowCapWidth[0]), lowCapWidth[1]) - lowCapWidth[0]) / lowCapWidth[2];
                assertThat(arithmetic).as("key %d of %d parts", key, parts).isEqualTo(partByBounds(cut.bounds(), key));
            }
        }
    }

    @Test
    void boundsAreTheLastValueOfEachSpan() {
        IntegerCut cut = IntegerCut.of(BigInteger.ONE, BigInteger.valueOf(10), 4);

        assertThat(cut.bounds()).containsExactly(Key.of("3"), Key.of("6"), Key.of("9"));
        assertThat(cut.width()).isEqualTo(BigInteger.valueOf(3));
        assertThat(cut.cap()).as("first value of the last part").isEqualTo(BigInteger.TEN);
    }

    @Test
    void spanBeyondALong_hasNoArithmetic_andIsCutByItsBounds() {
        IntegerCut unsigned = IntegerCut.of(new BigInteger("18446744073709551000"), new BigInteger("18446744073709551615"), 2);
        IntegerCut wholeBigint = IntegerCut.of(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), 4);

        assertThat(unsigned.asLongs()).isEmpty();
        assertThat(wholeBigint.asLongs()).isEmpty();
        assertThat(IntegerCut.of(BigInteger.valueOf(Long.MAX_VALUE - 100), BigInteger.valueOf(Long.MAX_VALUE), 4).asLongs()).isPresent();
    }

    private static long partByBounds(List<Key> bounds, long key) {
        int part = 0;
        while (part < bounds.size() && key > Long.parseLong(bounds.get(part).values().get(0))) {
            part++;
        }
        return part;
    }
}
