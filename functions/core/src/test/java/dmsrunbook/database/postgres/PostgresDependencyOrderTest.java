package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresDependencyOrderTest {

    private final PostgresDependencyOrder<String> order = new PostgresDependencyOrder<>(Comparator.<String>naturalOrder());

    @Test
    void eachItemComesAfterWhatItNeeds_theRestInPriorityOrder() {
        // "a" needs "d"; "c" needs "a": without needs the order would be a, b, c, d
        List<String> ordered = order.order(List.of("d", "c", "b", "a"), Map.of("a", Set.of("d"), "c", Set.of("a")));

        assertThat(ordered).containsExactly("b", "d", "a", "c");
    }

    @Test
    void aCycle_isBrokenAtTheFirstItemByPriority_andNothingIsLost() {
        List<String> ordered = order.order(List.of("x", "b", "a"), Map.of("a", Set.of("b"), "b", Set.of("a"), "x", Set.of("a")));

        assertThat(ordered).containsExactly("a", "b", "x");
    }

    @Test
    void needsOutsideTheItems_areIgnored() {
        assertThat(order.order(List.of("b", "a"), Map.of("a", Set.of("elsewhere")))).containsExactly("a", "b");
    }
}
