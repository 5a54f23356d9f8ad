package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where ranges are cut: equal value spans for one integer key, only boundaries that cut something, parts that tile. */
class SegmentSplitTest {

    private static final KeyOrder INTEGERS = new KeyOrder(List.of(ValueKind.INTEGER));

    @Test
    void integerRange_isCutIntoSpansOfEqualWidth() {
        assertThat(SegmentSplit.integerBounds(BigInteger.ONE, BigInteger.valueOf(100), 4))
                .containsExactly(Key.of("25"), Key.of("50"), Key.of("75"));
        assertThat(SegmentSplit.integerBounds(BigInteger.ONE, BigInteger.valueOf(10), 4)).as("width rounds up: 3, 3, 3, 1")
                .containsExactly(Key.of("3"), Key.of("6"), Key.of("9"));
    }

    @Test
    void rangeNarrowerThanItsParts_isCutAtEveryValue_andASingleValueNotAtAll() {
        assertThat(SegmentSplit.integerBounds(BigInteger.valueOf(5), BigInteger.valueOf(7), 16)).containsExactly(Key.of("5"), Key.of("6"));
        assertThat(SegmentSplit.integerBounds(BigInteger.valueOf(5), BigInteger.valueOf(5), 16)).isEmpty();
        assertThat(SegmentSplit.integerBounds(BigInteger.valueOf(5), BigInteger.valueOf(4), 16)).isEmpty();
    }

    @Test
    void unsignedBigintRange_beyondALong_isCutToo() {
        BigInteger low = new BigInteger("18446744073709551000");
        BigInteger high = new BigInteger("18446744073709551615");

        assertThat(SegmentSplit.integerBounds(low, high, 2)).containsExactly(Key.of("18446744073709551307"));
    }

    @Test
    void onlyBoundariesStrictlyInsideAndAscending_areKept() {
        KeyRange range = new KeyRange(Key.of("10"), Key.of("20"));

        assertThat(SegmentSplit.inside(List.of(Key.of("5"), Key.of("10"), Key.of("12"), Key.of("12"), Key.of("11"), Key.of("15"),
                Key.of("20"), Key.of("25")), range, INTEGERS)).containsExactly(Key.of("12"), Key.of("15"));
    }

    @Test
    void parts_tileTheRange_sharingTheirBounds() {
        KeyRange range = new KeyRange(null, Key.of("20"));

        assertThat(SegmentSplit.parts(range, List.of(Key.of("5"), Key.of("12")))).containsExactly(
                new KeyRange(null, Key.of("5")), new KeyRange(Key.of("5"), Key.of("12")), new KeyRange(Key.of("12"), Key.of("20")));
        assertThat(SegmentSplit.parts(KeyRange.ALL, List.of())).containsExactly(KeyRange.ALL);
    }
}
