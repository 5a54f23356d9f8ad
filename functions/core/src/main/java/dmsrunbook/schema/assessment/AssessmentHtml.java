package dmsrunbook.schema.assessment;

import static dmsrunbook.report.HtmlText.escape;

import dmsrunbook.preflight.CheckStatus;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The assessment as one self-contained HTML page: the verdict, the counts and effort per class, the FAILs and WARNs
 * with their fixes, DMS's premigration assessment, and every object. Inline CSS, no script and nothing fetched, so
 * the file can be mailed, attached to a ticket or opened offline.
 */
public final class AssessmentHtml {

    private static final String STYLE = """
            body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d2733;background:#f4f6f8}
            header{background:#232f3e;color:#fff;padding:20px 32px}
            header h1{margin:0 0 6px;font-size:22px}
            header p{margin:2px 0;color:#d5dbe2}
            main{padding:20px 32px}
            section{background:#fff;border:1px solid #d5dbe2;border-radius:6px;padding:16px 20px;margin-bottom:18px}
            h2{font-size:17px;margin:0 0 10px}
            .verdict{font-size:18px;font-weight:600;padding:12px 16px;border-radius:6px;margin-bottom:18px}
            .verdict.FAIL{background:#fde8e8;color:#a4161a;border:1px solid #f1a7a7}
            .verdict.WARN{background:#fff4de;color:#8a5300;border:1px solid #f3cf8b}
            .verdict.PASS{background:#e6f4ea;color:#1e6b34;border:1px solid #9fd3ad}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e3e7eb}
            th{background:#eef1f4;font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            table.objects{table-layout:fixed}
            table.objects td{overflow-wrap:anywhere}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
            .carried{background:#e3f0fb;color:#0b4f8a}.created{background:#e6f4ea;color:#1e6b34}
            .cutover-action{background:#efe7fb;color:#5a2d91}.needs-person{background:#fff4de;color:#8a5300}
            .not-supported{background:#fde8e8;color:#a4161a}
            .status-FAIL{color:#a4161a;font-weight:700}.status-WARN{color:#8a5300;font-weight:700}.status-PASS{color:#1e6b34}
            ul.findings li{margin-bottom:6px}
            .fix{color:#39475a}
            pre.source{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f8fa;border:1px solid #e3e7eb;border-radius:4px;padding:8px;margin:0;font-size:12px}
            code,.name{font-family:SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            footer{color:#5f6b7a;font-size:12px;padding:0 32px 24px}
            """;

    private AssessmentHtml() {
    }

    public static String render(SchemaAssessment report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Schema assessment: ").append(escape(report.migrationId())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        html.append("<header><h1>Schema assessment: ").append(escape(report.migrationId())).append("</h1>")
                .append("<p>Source: ").append(escape(report.source())).append("</p>")
                .append("<p>Target: ").append(escape(report.target())).append("</p>")
                .append("<p>Engine: ").append(escape(report.engine())).append(" &middot; assessed ")
                .append(escape(report.assessedAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(report.assessedAt().truncatedTo(ChronoUnit.SECONDS))))
                .append("</p></header>\n<main>\n");
        verdict(html, report);
        summary(html, report);
        findings(html, "What fails (fix before the migration starts)", report.failures());
        findings(html, "What needs a person", report.warnings());
        dms(html, report.dmsPremigration());
        sourceTexts(html, report.objects());
        objects(html, report.objects());
        notes(html, report);
        html.append("</main>\n<footer>Written by dms-runbook. One unit is about five minutes of a DBA's work; see the README's "
                + "\"Schema assessment\" section for the weights.</footer>\n</body></html>\n");
        return html.toString();
    }

    private static void verdict(StringBuilder html, SchemaAssessment report) {
        int failures = report.failures().size();
        int warnings = report.warnings().size();
        String status = failures > 0 ? "FAIL" : warnings > 0 ? "WARN" : "PASS";
        String text = failures > 0 ? failures + " object" + plural(failures) + " cannot work on the target: the migration stops before any data moves"
                : warnings > 0 ? "The migration can run; " + warnings + " object" + plural(warnings) + " need" + (warnings == 1 ? "s" : "") + " a person"
                : "Everything is carried, created or handled at the cutover by the runbook";
        html.append("<div class=\"verdict ").append(status).append("\">").append(escape(text)).append("</div>\n");
    }

    private static void summary(StringBuilder html, SchemaAssessment report) {
        Map<AssessmentClass, Integer> counts = report.counts();
        Map<AssessmentClass, Integer> units = report.units();
        html.append("<section><h2>Objects and effort by class</h2><table><thead><tr><th>Class</th><th>Objects</th>")
                .append("<th>Effort (units)</th></tr></thead><tbody>\n");
        for (AssessmentClass c : AssessmentClass.values()) {
            html.append("<tr><td><span class=\"badge ").append(c.value()).append("\">").append(escape(c.words())).append("</span></td>")
                    .append("<td class=\"num\">").append(counts.get(c)).append("</td><td class=\"num\">").append(units.get(c)).append("</td></tr>\n");
        }
        int total = report.totalUnits();
        html.append("<tr><th>Total</th><th class=\"num\">").append(report.objects().size()).append("</th><th class=\"num\">").append(total)
                .append(" (about ").append(hours(total)).append(")</th></tr>\n</tbody></table></section>\n");
    }

    private static void findings(StringBuilder html, String title, List<AssessedObject> findings) {
        if (findings.isEmpty()) {
            return;
        }
        html.append("<section><h2>").append(escape(title)).append(" (").append(findings.size()).append(")</h2><ul class=\"findings\">\n");
        for (AssessedObject o : findings) {
            html.append("<li><span class=\"status-").append(o.status()).append("\">").append(o.status()).append("</span> ")
                    .append(escape(o.kind().words())).append(" <span class=\"name\">").append(escape(o.name())).append("</span>: ")
                    .append(escape(o.detail()));
            if (o.action() != null && !o.action().isEmpty()) {
                html.append("<br><span class=\"fix\">Fix: ").append(escape(o.action())).append("</span>");
            }
            html.append("</li>\n");
        }
        html.append("</ul></section>\n");
    }

    private static void dms(StringBuilder html, DmsPremigrationResult dms) {
        if (dms == null) {
            return;
        }
        html.append("<section><h2>DMS premigration assessment</h2><p>Run <code>").append(escape(dms.runName())).append("</code>: ")
                .append(escape(dms.status()));
        if (dms.resultsLocation() != null) {
            html.append("; results in <code>").append(escape(dms.resultsLocation())).append("</code>");
        }
        if (dms.message() != null) {
            html.append(". ").append(escape(dms.message()));
        }
        html.append("</p>");
        if (!dms.checks().isEmpty()) {
            html.append("<table><thead><tr><th>Individual assessment</th><th>Status</th></tr></thead><tbody>\n");
            dms.checks().forEach(c -> html.append("<tr><td class=\"name\">").append(escape(c.name())).append("</td><td>")
                    .append(escape(c.status())).append("</td></tr>\n"));
            html.append("</tbody></table>");
        }
        html.append("</section>\n");
    }

    /**
     * What a person rewrites, with its source text as the source holds it and, when a model was asked, its proposal
     * side by side (both escaped: the texts are the source's and the model's, not ours).
     */
    private static void sourceTexts(StringBuilder html, List<AssessedObject> objects) {
        List<AssessedObject> withText = objects.stream().filter(o -> o.sourceText() != null).toList();
        if (withText.isEmpty()) {
            return;
        }
        boolean proposals = withText.stream().anyMatch(o -> o.proposal() != null);
        html.append("<section><h2>Source text of what needs a person (").append(withText.size()).append(")</h2>");
        if (proposals) {
            html.append("<p>The proposals were written by a model (schema.aiAssist). None is applied unless the cutover's approver accepts it "
                    + "by its name (the first column): <code>runbook approve &lt;execution&gt; --accept \"procedure shop.add_order\"</code>.</p>");
        }
        html.append("<table class=\"objects\"><colgroup>")
                .append(proposals ? "<col style=\"width:16%\"><col style=\"width:34%\"><col style=\"width:34%\"><col style=\"width:16%\">"
                        : "<col style=\"width:22%\"><col style=\"width:48%\"><col style=\"width:30%\">")
                .append("</colgroup><thead><tr><th>Object</th><th>Source text</th>").append(proposals ? "<th>Proposed PostgreSQL (not applied)</th>" : "")
                .append("<th>Why a person</th></tr></thead><tbody>\n");
        for (AssessedObject o : withText) {
            html.append("<tr><td class=\"name\">").append(escape(o.key())).append("</td><td><pre class=\"source\">")
                    .append(escape(o.sourceText())).append("</pre></td>");
            if (proposals) {
                html.append("<td>").append(o.proposal() == null ? "no proposal" : "<pre class=\"source\">" + escape(o.proposal()) + "</pre>").append("</td>");
            }
            html.append("<td>").append(escape(o.detail())).append("</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void objects(StringBuilder html, List<AssessedObject> objects) {
        html.append("<section><h2>Every object (").append(objects.size()).append(")</h2><table class=\"objects\"><colgroup>")
                .append("<col style=\"width:6%\"><col style=\"width:10%\"><col style=\"width:19%\"><col style=\"width:13%\">")
                .append("<col style=\"width:26%\"><col style=\"width:21%\"><col style=\"width:5%\"></colgroup><thead><tr><th>Status</th><th>Kind</th>")
                .append("<th>Object</th><th>Class</th><th>What was found</th><th>What the runbook does, or the fix</th><th>Units</th></tr></thead><tbody>\n");
        objects.stream().sorted(Comparator.comparing((AssessedObject o) -> rank(o.status())).thenComparing(AssessedObject::assessmentClass)
                .thenComparing(o -> o.kind().ordinal()).thenComparing(AssessedObject::name)).forEach(o -> html
                .append("<tr><td class=\"status-").append(o.status()).append("\">").append(o.status()).append("</td><td>")
                .append(escape(o.kind().words())).append("</td><td class=\"name\">").append(escape(o.name())).append("</td><td><span class=\"badge ")
                .append(o.assessmentClass().value()).append("\">").append(escape(o.assessmentClass().words())).append("</span></td><td>")
                .append(escape(o.detail())).append("</td><td>").append(escape(o.action() == null ? "" : o.action())).append("</td><td class=\"num\">")
                .append(o.units()).append("</td></tr>\n"));
        html.append("</tbody></table></section>\n");
    }

    private static void notes(StringBuilder html, SchemaAssessment report) {
        if (report.notes().isEmpty()) {
            return;
        }
        html.append("<section><h2>Notes</h2><ul>");
        report.notes().forEach(n -> html.append("<li>").append(escape(n)).append("</li>"));
        html.append("</ul></section>\n");
    }

    private static int rank(CheckStatus status) {
        return switch (status) {
            case FAIL -> 0;
            case WARN -> 1;
            case PASS -> 2;
        };
    }

    /** Units of five minutes as hours, e.g. "2.5 hours". */
    static String hours(int units) {
        double hours = units * 5 / 60.0;
        return (hours == Math.rint(hours) ? String.valueOf((long) hours) : String.format(java.util.Locale.ROOT, "%.1f", hours))
                + " hour" + (hours == 1 ? "" : "s");
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
