package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundBudgetTest {

    @Test
    void filesAreTakenInOrder_whileTheyFitTheBudget_andTheRestWaitsInOrder() {
        RoundBudget.Split<Long> split = RoundBudget.split(List.of(400L, 300L, 200L, 100L, 50L), size -> size, 900);

        assertThat(split.taken()).containsExactly(400L, 300L, 200L);
        assertThat(split.postponed()).as("a smaller file behind a postponed one waits too: order is kept").containsExactly(100L, 50L);
    }

    @Test
    void aFileLargerThanTheBudget_isTakenAlone_ratherThanNever() {
        RoundBudget.Split<Long> split = RoundBudget.split(List.of(5_000L, 10L), size -> size, 900);

        assertThat(split.taken()).containsExactly(5_000L);
        assertThat(split.postponed()).containsExactly(10L);
    }
}
