package dmsrunbook.alert;

import java.util.regex.Pattern;

/**
 * Last line of defence before text leaves for SNS: masks anything shaped like a credential (password=..., a JSON
 * "password" field, a URL's user:password@). The runbook never puts secrets in messages; drivers might.
 */
public final class Redaction {

    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(password|passwd|pwd|secret|token)(\\s*[=:]\\s*)([^\\s,;&\"']+)");
    private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\"(?:password|passwd|secret|token)\"\\s*:\\s*\")([^\"]*)(\")");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(://[^/:@\\s]+:)([^@/\\s]+)(@)");

    private Redaction() {
    }

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = JSON_FIELD.matcher(text).replaceAll("$1****$3");
        scrubbed = URL_CREDENTIALS.matcher(scrubbed).replaceAll("$1****$3");
        return KEY_VALUE.matcher(scrubbed).replaceAll("$1$2****");
    }
}
