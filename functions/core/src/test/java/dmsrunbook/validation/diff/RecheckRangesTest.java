package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ranges kept for a re-check stay few and in order, and still cover every range that differed. */
class RecheckRangesTest {

    @Test
    void adjacentRanges_merge() {
        RecheckRanges ranges = new RecheckRanges(10);

        ranges.add(new KeyRange(Key.of("1"), Key.of("5")));
        ranges.add(new KeyRange(Key.of("5"), Key.of("9")));
        ranges.add(new KeyRange(Key.of("20"), Key.of("30")));

        assertThat(ranges.list()).containsExactly(new KeyRange(Key.of("1"), Key.of("9")), new KeyRange(Key.of("20"), Key.of("30")));
    }

    @Test
    void beyondTheLimit_neighboursMergePairwise_coveringEveryRangeAdded() {
        RecheckRanges ranges = new RecheckRanges(4);

        for (int i = 0; i < 5; i++) {
            ranges.add(new KeyRange(Key.of(String.valueOf(i * 10)), Key.of(String.valueOf(i * 10 + 1))));
        }

        assertThat(ranges.list()).containsExactly(new KeyRange(Key.of("0"), Key.of("11")), new KeyRange(Key.of("20"), Key.of("31")),
                new KeyRange(Key.of("40"), Key.of("41")));
    }
}
