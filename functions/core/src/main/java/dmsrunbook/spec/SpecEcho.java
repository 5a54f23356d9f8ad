package dmsrunbook.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a spec problem refers to a value the user wrote: never by repeating it. A password pasted into the wrong field
 * would otherwise travel with the error into the function's log, the execution history and the SNS alert; a problem
 * gives the value's length instead and, for an ARN, the service and resource type it names (never the resource).
 */
public final class SpecEcho {

    private static final Pattern ARN_KIND = Pattern.compile("^arn:aws[a-z-]*:([a-z0-9-]+):[a-z0-9-]*:(?:\\d{12})?:([a-z-]+)[:/].*$");

    private SpecEcho() {
    }

    /** The value's shape in place of the value: {@code (12 characters, not repeated here in case it is a secret)}. */
    public static String unrepeated(String value) {
        int length = value == null ? 0 : value.length();
        return "(" + length + (length == 1 ? " character" : " characters") + ", not repeated here in case it is a secret)";
    }

    /**
     * What an ARN-shaped value is ({@code (it is an ARN of ssm:parameter)}), or its shape as {@link #unrepeated} when
     * it is not an ARN.
     */
    public static String arnKind(String value) {
        Matcher arn = ARN_KIND.matcher(value == null ? "" : value);
        return arn.matches() ? "(it is an ARN of " + arn.group(1) + ":" + arn.group(2) + ")" : unrepeated(value);
    }

    /** Where a JSON parser stopped ({@code  at line 3, column 17}), without the text it quotes; empty when unknown. */
    public static String where(Exception parseFailure) {
        for (Throwable cause = parseFailure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
                JsonLocation location = json.getLocation();
                return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            }
        }
        return "";
    }
}
