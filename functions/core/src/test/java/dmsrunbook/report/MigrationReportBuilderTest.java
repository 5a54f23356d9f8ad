package dmsrunbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationReportBuilderTest {

    private final MigrationReportBuilder builder = new MigrationReportBuilder(DmsInstancePrices.load());

    @Test
    void completedMigration_hasItsPhasesLagApprovalReadOnlyWindowTablesAndCost() {
        ReportHistories run = ReportHistories.completedRun();
        List<ReportInputs.TableCopy> copies = List.of(new ReportInputs.TableCopy("public.contas", 40, 1.5),
                new ReportInputs.TableCopy("public.transacoes", 2000, 12.0));

        MigrationReport report = builder.build(new ReportInputs(ReportHistories.EXECUTION, "SUCCEEDED", null, null, run.now(), run.events(),
                ReportHistories.completedState(), ReportHistories.finalValidationReport(), copies, "dms.t3.medium", List.of()));

        // the poll loops are one phase each, with their calls counted; the Map's iterations are inside it
        assertThat(report.phases()).extracting(MigrationReport.Phase::name).containsExactly("ValidateMigrationSpec", "RunPreflightChecks",
                "StartReplication", "CheckReplication", "PlanDataValidation", "DiffDataItems", "ConcludeDataValidation",
                "RequestCutoverApproval", "CheckFinalSync", "PlanFinalDataValidation", "DiffFinalDataItems", "ConcludeFinalDataValidation",
                "StopReplication", "NotifyMigrationComplete");
        MigrationReport.Phase sync = report.phases().get(3);
        assertThat(sync.calls()).isEqualTo(3);
        assertThat(sync.seconds()).isEqualTo(123);
        assertThat(report.phases()).noneMatch(MigrationReport.Phase::failed);
        // the lag of every sync check, catch-up then final
        assertThat(report.lag()).extracting(MigrationReport.LagPoint::seconds).containsExactly(120.0, 30.0, 2.0, 1.0);
        assertThat(report.lag()).extracting(MigrationReport.LagPoint::loop).containsExactly("catch-up", "catch-up", "catch-up", "final");
        // who approved, when; read-only from the approval until the replication had stopped
        assertThat(report.approval().approvedBy()).isEqualTo("Maria on-call");
        assertThat(report.approval().approvedAt()).isEqualTo(ReportHistories.T0.plusSeconds(1 + 4 + 2 + 60 + 1 + 60 + 1 + 60 + 1 + 2 + 30 + 3 + 3600));
        assertThat(report.readOnlyWindowSeconds()).isEqualTo(1 + 2 + 40 + 3 + 5 + 10 + 5);
        // the tables' rows from the final validation, DMS's copy times beside them
        assertThat(report.tables()).extracting(MigrationReport.Table::table, MigrationReport.Table::sourceRows, MigrationReport.Table::targetRows,
                        MigrationReport.Table::copySeconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.contas", 40L, 40L, 1.5),
                        org.assertj.core.groups.Tuple.tuple("public.transacoes", 2000L, 2000L, 12.0));
        assertThat(report.validations()).extracting(MigrationReport.Validation::run).containsExactly("in-flight", "final");
        assertThat(report.cleanup().droppedSlots()).containsExactly("slot_a");
        assertThat(report.cleanup().carriedOver()).contains("2 sequences");
        // the conversion proposals the approver accepted, applied at the cutover
        assertThat(report.cleanup().appliedConversions()).containsExactly("procedure shop.add_order");
        assertThat(report.preflight().warnings()).containsExactly("WARN source ssl: not required");
        assertThat(report.assessment().counts()).containsEntry("manual", 1);
        assertThat(report.source()).isEqualTo("postgres fluxocaixa@src.example:5432");
        // DMS instance hours at the table's price
        double hours = report.durationSeconds() / 3600.0;
        assertThat(report.cost().amount()).isCloseTo(hours * 0.072, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(report.cost().text()).contains("dms.t3.medium", "us-east-1", "recorded");
    }

    @Test
    void failedMigration_namesThePhaseThatFailed_withTheCauseMaskedAndNoCleanup() {
        ReportHistories run = new ReportHistories().started().task("ValidateMigrationSpec", 1, "{}").failedTask("RunPreflightChecks", 3)
                .task("AlertOnCall", 1, "{}");
        JsonNode state = Json.tree("{\"spec\":{\"migrationId\":\"cashflow\",\"engine\":\"native\"},\"failure\":{\"Error\":\"x\"}}");
        String cause = "{\"errorMessage\":\"1 of 12 preflight checks failed: password=hunter2 wal_level is replica\",\"stackTrace\":[]}";

        MigrationReport report = builder.build(new ReportInputs(ReportHistories.EXECUTION, "FAILED", "dmsrunbook.error.PreflightFailedException",
                cause, run.now(), run.events(), state, null, List.of(), null, List.of("The validation report could not be read")));

        assertThat(report.status()).isEqualTo("FAILED");
        assertThat(report.failedPhase()).isEqualTo("RunPreflightChecks");
        assertThat(report.cause()).contains("wal_level is replica").doesNotContain("hunter2").doesNotContain("stackTrace");
        assertThat(report.cleanup()).isNull();
        assertThat(report.approval()).isNull();
        assertThat(report.readOnlyWindowSeconds()).isNull();
        assertThat(report.tables()).isEmpty();
        assertThat(report.cost().text()).isEqualTo("native: no DMS cost");
        assertThat(report.notes()).containsExactly("The validation report could not be read");
    }

    @Test
    void aRetriedTaskThatSucceeded_didNotFail_andTheExecutionsOwnFailure_isNotItsLastPhases() {
        ReportHistories run = new ReportHistories().started().task("ValidateMigrationSpec", 1, "{}");
        run.event("TaskStateEntered", "RunPreflightChecks", null).event("LambdaFunctionFailed", null, null)
                .event("LambdaFunctionSucceeded", null, null).event("TaskStateExited", "RunPreflightChecks", "{}");
        run.failedTask("StartReplication", 2).task("AlertOnCall", 1, "{}").event("FailStateEntered", "MigrationFailed", null)
                .event("ExecutionFailed", null, null);

        List<MigrationReport.Phase> phases = MigrationReportBuilder.phases(run.events(), run.now());

        assertThat(phases).extracting(MigrationReport.Phase::name, MigrationReport.Phase::failed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ValidateMigrationSpec", false), org.assertj.core.groups.Tuple.tuple("RunPreflightChecks", false),
                org.assertj.core.groups.Tuple.tuple("StartReplication", true), org.assertj.core.groups.Tuple.tuple("AlertOnCall", false));
    }

    @Test
    void automaticCutover_isApprovedByThePolicy_fromTheFinalSyncsStart() {
        ReportHistories run = new ReportHistories().started().task("CheckReplication", 1, ReportHistories.sync(3)).choice("IsCutoverApprovalRequired?")
                .task("CheckFinalSync", 2, ReportHistories.finalSync(0)).task("StopReplication", 4, "{}");
        JsonNode state = Json.tree("{\"spec\":{\"migrationId\":\"m\",\"engine\":\"dms\",\"cutover\":{\"policy\":\"auto\"}},\"stop\":{\"stopped\":true}}");

        MigrationReport report = builder.build(new ReportInputs(ReportHistories.EXECUTION, "SUCCEEDED", null, null, run.now(), run.events(), state,
                null, List.of(), "dms.r9.huge", List.of()));

        assertThat(report.approval().approvedBy()).isEqualTo("automatic (cutover policy auto)");
        assertThat(report.readOnlyWindowSeconds()).isEqualTo(6);
        assertThat(report.cost().amount()).isNull();
        assertThat(report.cost().text()).contains("no price for dms.r9.huge");
    }
}
