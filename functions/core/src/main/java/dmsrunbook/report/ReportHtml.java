package dmsrunbook.report;

import static dmsrunbook.report.HtmlText.escape;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts (the phases' timeline and the
 * replication lag), no script, nothing fetched from elsewhere, so a copy filed with a change ticket opens anywhere.
 */
public final class ReportHtml {

    /** The lag series' line, and its points (one per sync check), in a colour of their own so each can be found. */
    public static final String LAG_COLOUR = "#d62728";
    public static final String LAG_POINT_COLOUR = "#6a1b9a";
    /** The timeline's bars; a failed phase is drawn in {@link #FAILED_COLOUR}. */
    public static final String PHASE_COLOUR = "#4e79a7";
    public static final String FAILED_COLOUR = "#e15759";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int CHART_WIDTH = 900;
    private static final int LABEL_WIDTH = 240;

    private ReportHtml() {
    }

    /** The page; {@code jsonSha256} (of the JSON written beside it) is printed so a reader can check a copy. */
    public static String render(MigrationReport report, String jsonSha256) {
        StringBuilder html = new StringBuilder(16_384);
        String title = "Migration " + orDash(report.migrationId()) + ": " + orDash(report.status());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(escape(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
                .append("th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;font-size:14px}th{background:#eee}")
                .append("td.n{text-align:right}.ok{color:#1a7f37}.bad{color:#b42318}h2{margin-top:28px}code{font-size:13px}</style>\n")
                .append("</head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        summary(html, report, jsonSha256);
        html.append("<h2>Timeline</h2>\n").append(timeline(report.phases()));
        phasesTable(html, report.phases());
        html.append("<h2>Tables</h2>\n");
        tables(html, report.tables());
        html.append("<h2>Replication lag</h2>\n").append(lagChart(report.lag()));
        validations(html, report.validations());
        checks(html, report);
        cleanup(html, report.cleanup());
        if (!report.notes().isEmpty()) {
            html.append("<h2>Notes</h2>\n<ul>");
            report.notes().forEach(n -> html.append("<li>").append(escape(n)).append("</li>"));
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder html, MigrationReport r, String sha) {
        html.append("<table id=\"summary\">\n");
        row(html, "Execution", r.execution());
        row(html, "Outcome", r.status() + (r.failedPhase() == null ? "" : " in " + r.failedPhase()));
        if (r.error() != null) {
            row(html, "Error", r.error());
            row(html, "Cause", r.cause());
        }
        row(html, "Engine", r.engine() + (r.migrationType() == null ? "" : ", " + r.migrationType()));
        row(html, "Source", r.source());
        row(html, "Target", r.target());
        row(html, "Started", time(r.startedAt()));
        row(html, "Ended", time(r.endedAt()));
        row(html, "Duration", duration(r.durationSeconds()));
        if (r.approval() != null) {
            row(html, "Cutover approved by", r.approval().approvedBy() == null ? "(not named)" : r.approval().approvedBy());
            row(html, "Cutover approved at", time(r.approval().approvedAt()));
        }
        row(html, "Read-only window (approval to stop)", duration(r.readOnlyWindowSeconds()));
        row(html, "Cost", r.cost() == null ? null : r.cost().text());
        row(html, "SHA-256 of report.json", sha);
        html.append("</table>\n");
    }

    /** One bar per phase, placed on the execution's time axis. */
    static String timeline(List<MigrationReport.Phase> phases) {
        if (phases.isEmpty()) {
            return "<p>No phase ran.</p>\n";
        }
        Instant first = phases.get(0).startedAt();
        Instant last = phases.stream().map(MigrationReport.Phase::endedAt).max(Instant::compareTo).orElse(first);
        double span = Math.max(1, Duration.between(first, last).toMillis());
        int rowHeight = 20;
        int height = phases.size() * rowHeight + 30;
        int plot = CHART_WIDTH - LABEL_WIDTH - 20;
        StringBuilder svg = new StringBuilder("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + CHART_WIDTH
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + CHART_WIDTH + " " + height + "\">\n");
        for (int i = 0; i < phases.size(); i++) {
            MigrationReport.Phase phase = phases.get(i);
            double x = LABEL_WIDTH + plot * Duration.between(first, phase.startedAt()).toMillis() / span;
            double w = Math.max(2, plot * Duration.between(phase.startedAt(), phase.endedAt()).toMillis() / span);
            int y = 10 + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>", LABEL_WIDTH - 6, y + 13,
                    escape(phase.name())));
            svg.append(String.format(Locale.ROOT, "<rect class=\"phase\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>\n",
                    x, y, w, rowHeight - 4, phase.failed() ? FAILED_COLOUR : PHASE_COLOUR, escape(phase.name()), duration(phase.seconds())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", LABEL_WIDTH, height - 4, escape(time(first))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>", CHART_WIDTH - 20, height - 4,
                escape(time(last))));
        return svg.append("</svg>\n").toString();
    }

    /** The lag readings over time: a line through one point per sync check, seconds on the vertical axis. */
    static String lagChart(List<MigrationReport.LagPoint> lag) {
        if (lag.isEmpty()) {
            return "<p>No lag readings: the engine reported none while the runbook checked the sync.</p>\n";
        }
        int width = CHART_WIDTH;
        int height = 260;
        int left = 60;
        int right = 20;
        int top = 20;
        int bottom = 40;
        Instant first = lag.get(0).at();
        Instant last = lag.get(lag.size() - 1).at();
        double span = Math.max(1, Duration.between(first, last).toMillis());
        double max = Math.max(1, lag.stream().mapToDouble(MigrationReport.LagPoint::seconds).max().orElse(1));
        StringBuilder svg = new StringBuilder("<svg id=\"lag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\">\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>", left, top, left, height - bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", left, height - bottom, width - right,
                height - bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s s</text>", left - 4, top + 4, number(max)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">0 s</text>", left - 4, height - bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", left, height - 10, escape(time(first))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>\n", width - right, height - 10,
                escape(time(last))));
        StringBuilder points = new StringBuilder();
        StringBuilder circles = new StringBuilder();
        for (MigrationReport.LagPoint point : lag) {
            double x = left + (width - left - right) * Duration.between(first, point.at()).toMillis() / span;
            double y = height - bottom - (height - top - bottom) * point.seconds() / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            circles.append(String.format(Locale.ROOT, "<circle class=\"lag-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s: %s s (%s)</title></circle>\n",
                    x, y, LAG_POINT_COLOUR, escape(time(point.at())), number(point.seconds()), escape(point.loop())));
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(LAG_COLOUR).append("\" stroke-width=\"2\" points=\"").append(points.toString().trim())
                .append("\"/>\n").append(circles);
        return svg.append("</svg>\n").toString();
    }

    private static void phasesTable(StringBuilder html, List<MigrationReport.Phase> phases) {
        html.append("<table id=\"phases\"><tr><th>Phase</th><th>Started</th><th>Duration</th><th>Calls</th><th>Outcome</th></tr>\n");
        for (MigrationReport.Phase p : phases) {
            html.append("<tr><td>").append(escape(p.name())).append("</td><td>").append(escape(time(p.startedAt()))).append("</td><td class=\"n\">")
                    .append(escape(duration(p.seconds()))).append("</td><td class=\"n\">").append(p.calls()).append("</td><td class=\"")
                    .append(p.failed() ? "bad\">failed" : "ok\">ok").append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void tables(StringBuilder html, List<MigrationReport.Table> tables) {
        if (tables.isEmpty()) {
            html.append("<p>No per-table figures: the execution ended before the data validation.</p>\n");
            return;
        }
        html.append("<table id=\"tables\"><tr><th>Table</th><th>Target table</th><th>Rows on the source</th><th>Rows on the target</th>")
                .append("<th>Verdict</th><th>Rows loaded by the engine</th><th>Copy time</th><th>Size</th></tr>\n");
        for (MigrationReport.Table t : tables) {
            html.append("<tr><td>").append(escape(t.table())).append("</td><td>").append(escape(orDash(t.targetTable()))).append("</td><td class=\"n\">")
                    .append(orDash(t.sourceRows())).append("</td><td class=\"n\">").append(orDash(t.targetRows())).append("</td><td>")
                    .append(escape(orDash(t.verdict()))).append("</td><td class=\"n\">").append(orDash(t.rowsLoaded())).append("</td><td class=\"n\">")
                    .append(t.copySeconds() == null ? "-" : number(t.copySeconds()) + " s").append("</td><td class=\"n\">")
                    .append(t.sizeBytes() == null ? "-" : t.sizeBytes() + " bytes").append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void validations(StringBuilder html, List<MigrationReport.Validation> validations) {
        html.append("<h2>Data validation</h2>\n");
        if (validations.isEmpty()) {
            html.append("<p>No data validation ran.</p>\n");
            return;
        }
        html.append("<table id=\"validations\"><tr><th>Run</th><th>Status</th><th>Result</th><th>Report</th></tr>\n");
        for (MigrationReport.Validation v : validations) {
            html.append("<tr><td>").append(escape(orDash(v.run()))).append("</td><td>").append(escape(orDash(v.status()))).append("</td><td>")
                    .append(escape(orDash(v.summary()))).append("</td><td><code>").append(escape(orDash(v.report()))).append("</code></td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void checks(StringBuilder html, MigrationReport r) {
        html.append("<h2>Preflight and assessment</h2>\n<table id=\"checks\">\n");
        if (r.preflight() != null) {
            row(html, "Preflight", r.preflight().passed() + " of " + r.preflight().checks() + " checks passed"
                    + (r.preflight().warnings().isEmpty() ? "" : ", " + r.preflight().warnings().size() + " warned"));
            r.preflight().warnings().forEach(w -> row(html, "", w));
        } else {
            row(html, "Preflight", "did not run");
        }
        if (r.assessment() != null) {
            StringBuilder counts = new StringBuilder();
            for (Map.Entry<String, Integer> e : r.assessment().counts().entrySet()) {
                counts.append(counts.isEmpty() ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
            }
            row(html, "Schema assessment", r.assessment().objects() + " objects" + (counts.isEmpty() ? "" : ": " + counts));
            r.assessment().warnings().forEach(w -> row(html, "", w));
            if (r.assessment().reportLocation() != null) {
                row(html, "Assessment report", r.assessment().reportLocation());
            }
            if (r.assessment().dmsPremigration() != null) {
                row(html, "DMS premigration assessment", r.assessment().dmsPremigration());
            }
        } else {
            row(html, "Schema assessment", "did not run");
        }
        html.append("</table>\n");
    }

    private static void cleanup(StringBuilder html, MigrationReport.Cleanup c) {
        html.append("<h2>Cleanup</h2>\n");
        if (c == null) {
            html.append("<p>The execution ended before the replication was stopped: run <code>runbook cleanup</code> if it started.</p>\n");
            return;
        }
        html.append("<table id=\"cleanup\">\n");
        row(html, "Replication stopped", c.stopped() ? "yes: " + orDash(c.detail()) : "no: " + orDash(c.detail()));
        row(html, "Replication slots dropped", c.droppedSlots().isEmpty() ? "none" : String.join(", ", c.droppedSlots()));
        row(html, "Publications dropped", c.droppedPublications().isEmpty() ? "none" : String.join(", ", c.droppedPublications()));
        if (c.carriedOver() != null) {
            row(html, "Carried to the target", c.carriedOver());
        }
        if (!c.appliedConversions().isEmpty()) {
            row(html, "Conversions applied (accepted at the approval)", String.join(", ", c.appliedConversions()));
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(orDash(value))).append("</td></tr>\n");
    }

    /** A duration in words: "1 h 02 min", "3 min 05 s", "42 s"; "-" when unknown. */
    public static String duration(Long seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = Math.max(0, seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String orDash(Object value) {
        return value == null ? "-" : String.valueOf(value);
    }
}
