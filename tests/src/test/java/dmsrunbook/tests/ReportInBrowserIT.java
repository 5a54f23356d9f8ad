package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.report.MigrationReport;
import dmsrunbook.report.ReportFiles;
import dmsrunbook.report.ReportHtml;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration report opened in a real browser (Debian's headless Chromium): the page it draws, not only its markup. */
class ReportInBrowserIT {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void report_drawsItsTablesTimelineAndLagChartWithPoints(@TempDir Path dir) throws Exception {
        MigrationReport report = report(12);
        Path html = dir.resolve("report.html");
        Files.writeString(html, ReportFiles.of(report).html());

        ReportInBrowser.showsTheTablesAndTheLagChartWithItsPoints(html, 12, dir);
    }

    @Test
    void reportWithoutLagReadings_drawsNoPoints(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        Files.writeString(html, ReportFiles.of(report(0)).html());

        BufferedImage screenshot = HeadlessChromium.find().screenshot(html, 1280, 3000, dir.resolve("report.png"));

        // the check above can fail: without readings there is no series to find
        assertThat(HeadlessChromium.pixelsOf(screenshot, ReportHtml.LAG_POINT_COLOUR, 12)).isZero();
        assertThat(HeadlessChromium.nonBlankPixels(screenshot)).isGreaterThan(10_000);
    }

    private static MigrationReport report(int lagReadings) {
        List<MigrationReport.Phase> phases = List.of(
                new MigrationReport.Phase("ValidateMigrationSpec", T0, T0.plusSeconds(2), 2, 1, false),
                new MigrationReport.Phase("RunPreflightChecks", T0.plusSeconds(2), T0.plusSeconds(8), 6, 1, false),
                new MigrationReport.Phase("CheckReplication", T0.plusSeconds(8), T0.plusSeconds(900), 892, lagReadings, false),
                new MigrationReport.Phase("RequestCutoverApproval", T0.plusSeconds(900), T0.plusSeconds(1500), 600, 1, false),
                new MigrationReport.Phase("StopReplication", T0.plusSeconds(1500), T0.plusSeconds(1530), 30, 2, false));
        List<MigrationReport.LagPoint> lag = new ArrayList<>();
        for (int i = 0; i < lagReadings; i++) {
            lag.add(new MigrationReport.LagPoint(T0.plusSeconds(60 + i * 70L), "catch-up", 300.0 / (i + 1)));
        }
        List<MigrationReport.Table> tables = List.of(
                new MigrationReport.Table("public.contas", "public.contas", 40L, 40L, "equal", 40L, 1.5, null),
                new MigrationReport.Table("public.transacoes", "public.transacoes", 2000L, 2000L, "equal", 2000L, 12.0, null));
        return new MigrationReport(MigrationReport.VERSION, "cashflow", "arn:aws:states:us-east-1:123456789012:execution:m:run", "SUCCEEDED",
                null, null, null, "dms", "full-load-and-cdc", "postgres fluxocaixa@src:5432", "postgres fluxocaixa@tgt:5432", T0,
                T0.plusSeconds(1530), 1530L, phases, new MigrationReport.Preflight(12, 12, List.of()),
                new MigrationReport.Assessment(9, Map.of("automatic", 9), List.of(), null, null), tables, lag,
                List.of(new MigrationReport.Validation("final", "EQUAL", "2 of 2 tables equal", "s3://v/report.json")),
                new MigrationReport.CutoverApproval("on-call", T0.plusSeconds(900), T0.plusSeconds(1500)), 30L,
                new MigrationReport.Cleanup(true, "task stopped", List.of("slot"), List.of(), null, List.of()),
                new MigrationReport.Cost("dms", "dms.t3.medium", 0.425, 0.073, 0.031, "USD", "0.0310 USD"), List.of());
    }
}
