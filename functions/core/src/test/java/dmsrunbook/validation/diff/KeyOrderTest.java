package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys are ordered by value, as both databases are told to order them, never as Java or a collation would. */
class KeyOrderTest {

    @Test
    void textKeys_orderByCodePoint_notByUtf16Units_norByCase() {
        KeyOrder order = new KeyOrder(List.of(ValueKind.TEXT));
        List<Key> keys = new ArrayList<>(List.of(Key.of("😀"), Key.of("ﬃ"), Key.of("a"), Key.of("B"), Key.of("é"), Key.of("a "), Key.of("")));

        keys.sort(order);

        // U+FB03 < U+1F600, though "ﬃ".compareTo("😀") > 0 in UTF-16; "B" < "a" byte-wise, whatever a collation says.
        assertThat(keys).containsExactly(Key.of(""), Key.of("B"), Key.of("a"), Key.of("a "), Key.of("é"), Key.of("ﬃ"), Key.of("😀"));
        assertThat("ﬃ".compareTo("😀")).as("Java's own order").isPositive();
    }

    @Test
    void numericKeys_orderByValue_beyondTheRangeOfALong() {
        KeyOrder integers = new KeyOrder(List.of(ValueKind.INTEGER));
        KeyOrder decimals = new KeyOrder(List.of(ValueKind.DECIMAL));

        assertThat(integers.compare(Key.of("9"), Key.of("10"))).isNegative();
        assertThat(integers.compare(Key.of("-5"), Key.of("3"))).isNegative();
        assertThat(integers.compare(Key.of("18446744073709551615"), Key.of("9223372036854775807"))).isPositive();
        assertThat(decimals.compare(Key.of("1.50"), Key.of("1.5"))).isZero();
        assertThat(decimals.compare(Key.of("2.05"), Key.of("2.5"))).isNegative();
    }

    @Test
    void compositeKeys_orderByTheirFirstColumnThenTheNext() {
        KeyOrder order = new KeyOrder(List.of(ValueKind.INTEGER, ValueKind.TEXT, ValueKind.TIMESTAMP));

        assertThat(order.compare(Key.of("1", "z", "5"), Key.of("2", "a", "1"))).isNegative();
        assertThat(order.compare(Key.of("2", "a", "1000000"), Key.of("2", "a", "999999"))).isPositive();
        assertThat(order.compare(Key.of("2", "a", "-1"), Key.of("2", "a", "-1"))).isZero();
    }

    @Test
    void keyRange_holdsKeysAfterItsStartThroughItsEnd() {
        KeyOrder order = new KeyOrder(List.of(ValueKind.INTEGER));
        KeyRange range = new KeyRange(Key.of("10"), Key.of("20"));

        assertThat(range.contains(Key.of("10"), order)).isFalse();
        assertThat(range.contains(Key.of("11"), order)).isTrue();
        assertThat(range.contains(Key.of("20"), order)).isTrue();
        assertThat(range.contains(Key.of("21"), order)).isFalse();
        assertThat(KeyRange.ALL.contains(Key.of("-99"), order)).isTrue();
    }
}
