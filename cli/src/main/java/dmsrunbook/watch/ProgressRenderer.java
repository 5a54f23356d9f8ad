package dmsrunbook.watch;

import dmsrunbook.report.ExecutionProgress;
import dmsrunbook.report.MigrationReport;
import dmsrunbook.report.ReportHtml;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an {@link ExecutionProgress} into text: a whole screen for a terminal (phases with durations, a bar per table,
 * the lag as a small chart, the time left), or, for output that is not a terminal, lines that each say one thing and
 * stay the same until it changes, so a log gets each of them once.
 */
public final class ProgressRenderer {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String LEVELS = "▁▂▃▄▅▆▇█";
    static final int BAR_WIDTH = 24;
    static final int CHART_WIDTH = 48;

    private ProgressRenderer() {
    }

    /** The terminal's screen. */
    public static List<String> screen(ExecutionProgress p) {
        List<String> lines = new ArrayList<>();
        lines.add("Migration " + orDash(p.migrationId()) + ": " + p.status() + "   (" + CLOCK.format(p.at()) + " UTC)");
        lines.add(p.execution());
        lines.add("");
        lines.add("Phases");
        for (int i = 0; i < p.phases().size(); i++) {
            MigrationReport.Phase phase = p.phases().get(i);
            boolean current = p.running() && i == p.phases().size() - 1;
            lines.add(String.format(Locale.ROOT, "%s %-32s %12s%s%s", current ? ">" : phase.failed() ? "x" : " ", phase.name(),
                    ReportHtml.duration(phase.seconds()), phase.calls() > 1 ? "  (" + phase.calls() + " calls)" : "", phase.failed() ? "  FAILED" : ""));
        }
        if (!p.tables().isEmpty()) {
            lines.add("");
            lines.add("Tables");
            p.tables().forEach(t -> lines.add("  " + table(t)));
        }
        if (p.fullLoadPercent() != null || p.tablesTotal() > 0) {
            lines.add("");
            lines.add("Full load: " + (p.fullLoadPercent() == null ? "-" : p.fullLoadPercent() + "%") + ", " + p.tablesLoaded() + " of "
                    + p.tablesTotal() + " tables loaded");
        }
        lines.add("");
        lines.add("Replication lag: " + lagLine(p.lag()));
        if (!p.lag().isEmpty()) {
            lines.add("  " + chart(p.lag()));
        }
        lines.add("Time left: " + timeLeft(p));
        p.problems().forEach(problem -> lines.add("! " + problem));
        return lines;
    }

    /** The lines for output that is not a terminal: each says one thing, and reads the same until that thing changes. */
    public static List<String> plainLines(ExecutionProgress p) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < p.phases().size(); i++) {
            MigrationReport.Phase phase = p.phases().get(i);
            lines.add("phase " + phase.name() + " started at " + CLOCK.format(phase.startedAt()));
            boolean current = p.running() && i == p.phases().size() - 1;
            if (!current) {
                lines.add("phase " + phase.name() + (phase.failed() ? " FAILED" : " done") + " after " + ReportHtml.duration(phase.seconds())
                        + (phase.calls() > 1 ? " (" + phase.calls() + " calls)" : ""));
            }
        }
        p.lag().forEach(point -> lines.add(String.format(Locale.ROOT, "lag %s s at %s (%s)", number(point.seconds()), CLOCK.format(point.at()),
                point.loop())));
        p.tables().forEach(t -> lines.add("table " + table(t)));
        if (p.fullLoadPercent() != null) {
            lines.add("full load " + p.fullLoadPercent() + "%, " + p.tablesLoaded() + " of " + p.tablesTotal() + " tables loaded");
        }
        if (p.timeLeft() != null && p.running()) {
            lines.add("time left " + timeLeft(p));
        }
        p.problems().forEach(problem -> lines.add("warning: " + problem));
        if (!p.running()) {
            lines.add("execution " + p.status());
        }
        return lines;
    }

    /** "public.orders  [#########-----]  60%  600 of ~1000 rows", or the engine's state when it counts no rows. */
    static String table(ExecutionProgress.TableBar t) {
        Double fraction = t.fraction();
        String rows = (t.rows() == null ? "" : t.rows() + " ") + (t.total() == null ? "rows" : (t.rows() == null ? "" : "of ") + "~" + t.total() + " rows");
        if (fraction == null) {
            return String.format(Locale.ROOT, "%-32s %s  %s", t.table(), "[" + orDash(t.state()) + "]", rows.trim());
        }
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return String.format(Locale.ROOT, "%-32s [%s%s] %3d%%  %s", t.table(), "#".repeat(filled), "-".repeat(BAR_WIDTH - filled),
                Math.round(fraction * 100), rows);
    }

    /** The last {@link #CHART_WIDTH} lag readings as bars from the lowest level (0 s) to the highest (the largest reading). */
    static String chart(List<MigrationReport.LagPoint> lag) {
        List<MigrationReport.LagPoint> shown = lag.subList(Math.max(0, lag.size() - CHART_WIDTH), lag.size());
        double max = shown.stream().mapToDouble(MigrationReport.LagPoint::seconds).max().orElse(0);
        StringBuilder chart = new StringBuilder();
        for (MigrationReport.LagPoint point : shown) {
            int level = max <= 0 ? 0 : (int) Math.round(point.seconds() / max * (LEVELS.length() - 1));
            chart.append(LEVELS.charAt(level));
        }
        return chart + "  (0 to " + number(max) + " s)";
    }

    private static String lagLine(List<MigrationReport.LagPoint> lag) {
        if (lag.isEmpty()) {
            return "no reading yet";
        }
        MigrationReport.LagPoint last = lag.get(lag.size() - 1);
        return number(last.seconds()) + " s at " + CLOCK.format(last.at()) + " (" + last.loop() + "), " + lag.size() + " reading"
                + (lag.size() == 1 ? "" : "s");
    }

    private static String timeLeft(ExecutionProgress p) {
        if (!p.running()) {
            return "none: the execution " + p.status().toLowerCase(Locale.ROOT);
        }
        if (p.timeLeft() == null) {
            return "not known yet";
        }
        return "about " + ReportHtml.duration(roundUp(p.timeLeft())) + " (" + p.timeLeftBasis() + ")";
    }

    private static long roundUp(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
