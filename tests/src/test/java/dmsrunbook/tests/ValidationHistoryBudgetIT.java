package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.ValidationSpec;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.validation.DataValidationJudge;
import dmsrunbook.validation.DataValidationPlanner;
import dmsrunbook.validation.ItemPacking;
import dmsrunbook.validation.PlannedDiff;
import dmsrunbook.validation.diff.DiffOptions;
import dmsrunbook.validation.diff.TableDiffRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * A Standard workflow ends at 25,000 history events and 256 KB of state. This runs the real workflow over a schema of
 * {@value #TABLES} small tables, measures what one Map iteration of the data validation writes to the history and how
 * large the state grows, and projects both to 10,000 tables, every in-flight re-check taken: the validation must fit
 * in the half of the history the sync loop leaves (HistoryEventBudgetIT holds the sync loop to the other half), and the
 * state must stay far under its limit, because per-table results never enter it.
 */
class ValidationHistoryBudgetIT {

    private static final int TABLES = 1_500;
    private static final int TEN_THOUSAND = 10_000;
    private static final int HISTORY_LIMIT = 25_000;
    private static final int STATE_LIMIT_BYTES = 256 * 1024;

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void tenThousandTables_validatedTwiceWithEveryRecheck_fitTheHalfOfTheHistoryTheSyncLoopLeaves_andTheStateStaysSmall() throws Exception {
        List<String> tables = IntStream.rangeClosed(1, TABLES).mapToObj(i -> String.format("t%05d", i)).toList();
        List<HistoryEvent> history;
        try (LocalPostgres source = LocalPostgres.startLogicalSource("wide-source"); LocalPostgres target = LocalPostgres.start("wide-target", Map.of())) {
            givenSmallTables(source, target, TABLES);
            String spec = MigrationSpecs.dms(runbook.get(), "wide-schema", "full-load", source, target, "wide", "auto");
            try (DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "wide", target, "wide", tables)
                    .attach("wide-schema")) {
                String execution = runbook.executions().start("wide-schema-run", spec);
                var result = runbook.executions().awaitEnd(execution, Duration.ofMinutes(15));
                assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(Json.tree(result.output()).path("finalDataValidation").path("equalTables").asInt()).isEqualTo(TABLES);
                history = runbook.executions().history(execution);
            }
        }

        // WHEN the events inside each Map run (iterations run side by side, so their events interleave) are counted per
        // iteration, and the events of each validation outside its Map run
        int iterations = 0;
        int insideMaps = 0;
        boolean inside = false;
        for (HistoryEvent event : history) {
            HistoryEventType type = event.type();
            if (type == HistoryEventType.MAP_STATE_STARTED) {
                inside = true;
            } else if (type == HistoryEventType.MAP_STATE_SUCCEEDED) {
                inside = false;
            } else if (inside) {
                insideMaps++;
                iterations += type == HistoryEventType.MAP_ITERATION_STARTED ? 1 : 0;
            }
        }
        int itemsPerRun = (TABLES + DataValidationPlanner.MAX_TABLES_PER_ITEM - 1) / DataValidationPlanner.MAX_TABLES_PER_ITEM;
        assertThat(iterations).as("iterations: the in-flight and the final validation's").isEqualTo(2 * itemsPerRun);
        int perIteration = (insideMaps + iterations - 1) / iterations;
        int validationEvents = events(history, "PlanDataValidation", "ConcludeDataValidation")
                + events(history, "PlanFinalDataValidation", "ConcludeFinalDataValidation");
        int perRunOutsideIterations = (validationEvents - insideMaps) / 2;

        // THEN 10,000 tables: the in-flight validation with every re-check taken (each re-diffing every item), and the final
        int items = itemsFor(TEN_THOUSAND);
        int runs = 1 + DataValidationJudge.MAX_RECHECKS + 1;
        // A re-check round also waits and decides: a Choice and a Wait more than the first pass.
        long worstCase = (long) runs * (items * perIteration + perRunOutsideIterations + 4);
        assertThat(perIteration).as("events per Map iteration").isBetween(4, 12);
        assertThat(items).as("work items for 10,000 small tables").isEqualTo(100);
        assertThat(worstCase).as("%d validations x (%d items x %d events + %d) for %d tables", runs, items, perIteration,
                perRunOutsideIterations, TEN_THOUSAND).isLessThan(HISTORY_LIMIT / 2);

        // AND the state: its largest payload here, plus the item numbers 10,000 tables add, stays far under 256 KB. The
        // schema assessment's summary may keep up to 32 KB of its most important objects whatever the schema's size, so
        // the rest of the state is held to an eighth of the limit and the whole to a quarter.
        int largestState = history.stream().map(ValidationHistoryBudgetIT::payload).mapToInt(String::length).max().orElseThrow();
        int largestWithoutAssessment = history.stream().map(ValidationHistoryBudgetIT::payload)
                .mapToInt(ValidationHistoryBudgetIT::lengthWithoutAssessment).max().orElseThrow();
        String moreItemNumbers = IntStream.range(itemsPerRun, items).mapToObj(Integer::toString).reduce("", (a, b) -> a + b + ",");
        assertThat(largestWithoutAssessment + moreItemNumbers.length()).as("largest state payload without the assessment, projected")
                .isLessThan(STATE_LIMIT_BYTES / 8);
        assertThat(largestState + moreItemNumbers.length()).as("largest state payload, projected").isLessThan(STATE_LIMIT_BYTES / 4);
        System.out.printf("validation of %d tables: %d history events in all, %d per Map iteration, %d per validation outside its "
                        + "iterations; 10,000 tables: %d items, worst case %d events; largest state %d bytes%n", TABLES, history.size(),
                perIteration, perRunOutsideIterations, items, worstCase, largestState);
    }

    /** The items the planner packs {@code count} small tables (a few rows each) into. */
    private static int itemsFor(int count) {
        List<PlannedDiff> diffs = IntStream.range(0, count).mapToObj(i -> new PlannedDiff(TableDiffRequest.whole(
                new TableName("public", "t" + i), new TableName("public", "t" + i), DiffOptions.defaults()), 3)).toList();
        return ItemPacking.pack(diffs, ValidationSpec.DEFAULT_MAX_ROWS_PER_ITEM, DataValidationPlanner.MAX_TABLES_PER_ITEM).size();
    }

    /** The events from entering {@code first} up to leaving {@code last}. */
    private static int events(List<HistoryEvent> history, String first, String last) {
        int from = -1;
        for (int i = 0; i < history.size(); i++) {
            HistoryEvent event = history.get(i);
            if (from < 0 && event.stateEnteredEventDetails() != null && event.stateEnteredEventDetails().name().equals(first)) {
                from = i;
            }
            if (from >= 0 && event.stateExitedEventDetails() != null && event.stateExitedEventDetails().name().equals(last)) {
                return i - from + 1;
            }
        }
        throw new AssertionError("no " + first + " .. " + last + " in the history");
    }

    private static int lengthWithoutAssessment(String payload) {
        if (payload.isEmpty() || !payload.startsWith("{")) {
            return payload.length();
        }
        JsonNode state = Json.tree(payload);
        if (state instanceof ObjectNode object) {
            object.remove("assessment");
            if (object.get("state") instanceof ObjectNode inner) {
                inner.remove("assessment");
            }
        }
        return state.toString().length();
    }

    private static String payload(HistoryEvent event) {
        if (event.stateEnteredEventDetails() != null && event.stateEnteredEventDetails().input() != null) {
            return event.stateEnteredEventDetails().input();
        }
        if (event.stateExitedEventDetails() != null && event.stateExitedEventDetails().output() != null) {
            return event.stateExitedEventDetails().output();
        }
        return "";
    }

    private static void givenSmallTables(LocalPostgres source, LocalPostgres target, int count) {
        source.createDatabase("wide");
        target.createDatabase("wide");
        String create = "DO $$ BEGIN FOR i IN 1.." + count + " LOOP "
                + "EXECUTE format('CREATE TABLE public.%I (id integer PRIMARY KEY, note text)', 't' || lpad(i::text, 5, '0')); END LOOP; END $$";
        source.execute("wide", create);
        target.execute("wide", create);
        source.execute("wide", "DO $$ BEGIN FOR i IN 1.." + count + " LOOP "
                + "EXECUTE format('INSERT INTO public.%I SELECT g, ''row '' || g FROM generate_series(1, 3) g', 't' || lpad(i::text, 5, '0')); "
                + "END LOOP; END $$");
        source.execute("wide", "ANALYZE");
    }
}
