package dmsrunbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.local.LocalPostgres;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rehearsal's progress display outlives a database that goes away under it, and says so. */
class ReplicationProgressDisplayIT {

    @Test
    void targetRestartsUnderTheDisplay_displaySaysUnreachableSince_thenReachableAgain_andRemembersTheOutage() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("display-source");
             LocalPostgres target = LocalPostgres.start("display-target", Map.of())) {
            source.createDatabase("shop");
            target.createDatabase("shop");
            source.execute("shop", "SELECT pg_create_logical_replication_slot('dmsrunbook_shop', 'pgoutput')");
            ReplicationProgressDisplay display = new ReplicationProgressDisplay(new PolledDatabase("source", source, "shop", Clock.systemUTC()),
                    new PolledDatabase("target", target, "shop", Clock.systemUTC()));
            assertThat(display.progress("dmsrunbook_shop")).contains("apply lag");
            assertThat(display.news()).isEmpty();

            target.crash();
            String duringOutage = display.progress("dmsrunbook_shop");

            assertThat(duringOutage).containsPattern("target unreachable since \\d\\d:\\d\\d:\\d\\d \\(.*refused").contains("apply lag");
            assertThat(display.news()).singleElement().asString().startsWith("target unreachable since");
            assertThat(display.progress("dmsrunbook_shop")).contains("target unreachable since");
            assertThat(display.news()).as("said once, not at every poll").isEmpty();

            source.crash();
            assertThat(display.progress("dmsrunbook_shop")).contains("target unreachable since", "source unreachable since");
            assertThat(display.news()).singleElement().asString().startsWith("source unreachable since");

            target.startAgain();
            source.startAgain();
            String after = display.progress("dmsrunbook_shop");

            assertThat(after).doesNotContain("unreachable").contains("apply lag");
            assertThat(display.news()).satisfiesExactly(
                    line -> assertThat(line).matches("source reachable again after \\d+ s"),
                    line -> assertThat(line).matches("target reachable again after \\d+ s"));
            assertThat(display.outages()).hasSize(2).allSatisfy(outage -> assertThat(outage.duration()).isPresent());
            source.execute("shop", "SELECT pg_drop_replication_slot('dmsrunbook_shop')");
        }
    }
}
