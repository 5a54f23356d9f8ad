package dmsrunbook.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dmsrunbook.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A report's two files: the JSON (the record, pretty-printed) with its SHA-256, and the HTML page that shows the same
 * data and prints that hash. The hash is of the JSON's bytes exactly as written, so {@code sha256sum report.json}
 * checks a filed copy.
 */
public final class ReportFiles {

    private final byte[] json;
    private final String sha256;
    private final String html;

    private ReportFiles(byte[] json, String sha256, String html) {
        this.json = json;
        this.sha256 = sha256;
        this.html = html;
    }

    public static ReportFiles of(MigrationReport report) {
        try {
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
            String sha = sha256(json);
            return new ReportFiles(json, sha, ReportHtml.render(report, sha));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    /** Files read back (from the report bucket): the hash is computed again from the JSON's bytes. */
    public static ReportFiles of(byte[] json, String html) {
        return new ReportFiles(json.clone(), sha256(json), html);
    }

    public byte[] json() {
        return json.clone();
    }

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    public String sha256() {
        return sha256;
    }

    public String html() {
        return html;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
