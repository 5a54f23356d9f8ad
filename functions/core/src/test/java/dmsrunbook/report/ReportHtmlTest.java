package dmsrunbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {

    private static MigrationReport completed() {
        ReportHistories run = ReportHistories.completedRun();
        return new MigrationReportBuilder(DmsInstancePrices.load()).build(new ReportInputs(ReportHistories.EXECUTION, "SUCCEEDED", null, null,
                run.now(), run.events(), ReportHistories.completedState(), ReportHistories.finalValidationReport(), List.of(), "dms.t3.medium",
                List.of("a <note> & more")));
    }

    @Test
    void page_isSelfContained_withTheTablesATimelineAndALagChartWithOnePointPerReading() {
        MigrationReport report = completed();
        ReportFiles files = ReportFiles.of(report);
        String html = files.html();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg id=\"timeline\"", "<svg id=\"lag\"", "<table id=\"tables\"",
                "public.transacoes", "Maria on-call", files.sha256(), "Conversions applied (accepted at the approval)</th><td>procedure shop.add_order");
        // one circle per lag reading, in the series' colour, and one bar per phase
        assertThat(html.split("class=\"lag-point\"", -1)).hasSize(report.lag().size() + 1);
        assertThat(html).contains("fill=\"" + ReportHtml.LAG_POINT_COLOUR + "\"", "stroke=\"" + ReportHtml.LAG_COLOUR + "\"");
        assertThat(html.split("class=\"phase\"", -1)).hasSize(report.phases().size() + 1);
        // nothing fetched from elsewhere, no script; text escaped
        assertThat(html).doesNotContain("<script", "src=", "href=", "@import").contains("a &lt;note&gt; &amp; more");
    }

    @Test
    void json_carriesTheSameData_andItsHashIsOfTheBytesWritten() {
        MigrationReport report = completed();
        ReportFiles files = ReportFiles.of(report);

        assertThat(Json.read(files.json(), MigrationReport.class)).isEqualTo(report);
        assertThat(files.sha256()).isEqualTo(ReportFiles.sha256(files.jsonText().getBytes(StandardCharsets.UTF_8))).hasSize(64);
        assertThat(ReportFiles.of(files.json(), files.html()).sha256()).isEqualTo(files.sha256());
    }

    @Test
    void aRunWithoutLagOrTables_saysSo() {
        ReportHistories run = new ReportHistories().started().failedTask("ValidateMigrationSpec", 1).task("AlertOnCall", 1, "{}");
        MigrationReport report = new MigrationReportBuilder(DmsInstancePrices.load()).build(new ReportInputs(ReportHistories.EXECUTION, "FAILED",
                "dmsrunbook.error.InvalidSpecException", "bad spec", run.now(), run.events(), Json.tree("{}"), null, List.of(), null, List.of()));

        String html = ReportHtml.render(report, "abc");

        assertThat(html).contains("No lag readings", "No per-table figures", "ValidateMigrationSpec", "FAILED in ValidateMigrationSpec",
                "fill=\"" + ReportHtml.FAILED_COLOUR + "\"");
    }

    @Test
    void durations_readAsPeopleSayThem() {
        assertThat(ReportHtml.duration(42L)).isEqualTo("42 s");
        assertThat(ReportHtml.duration(185L)).isEqualTo("3 min 05 s");
        assertThat(ReportHtml.duration(3720L)).isEqualTo("1 h 02 min");
        assertThat(ReportHtml.duration(null)).isEqualTo("-");
    }
}
