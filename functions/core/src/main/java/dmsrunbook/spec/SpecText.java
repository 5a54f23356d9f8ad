package dmsrunbook.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dmsrunbook.error.InvalidSpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A spec as the user wrote it, parsed strictly: at most what Step Functions takes as an execution input, one JSON
 * value with nothing after it, and no key written twice (parsers disagree on which of two values wins, so the spec
 * would not mean one thing). A problem says where, never what: the text around a mistake may be a secret.
 */
public final class SpecText {

    /** Step Functions refuses an execution input larger than 256 KiB (UTF-8). */
    public static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String TRAILING_FIX = "remove what follows the spec's closing }";

    private SpecText() {
    }

    /** The JSON tree of {@code text}, or an {@link InvalidSpecException} with one problem at the root. */
    public static JsonNode parse(String text) {
        SpecProblems problems = new SpecProblems();
        int bytes = utf8Length(text);
        if (bytes > MAX_BYTES) {
            // Refused before parsing: a 10 MB input is not worth building a tree of, and could not start an execution.
            problems.add("$", "is " + kilobytes(bytes) + " KB; Step Functions takes an execution input of at most 256 KB",
                    "keep the spec under 256 KB: move large table mappings or settings out, e.g. fewer, wildcard selection rules");
            throw new InvalidSpecException(problems.all());
        }
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonNode tree = STRICT.readTree(parser);
            try {
                if (parser.nextToken() != null) {
                    problems.add("$", "has more text after the JSON object" + at(parser.currentTokenLocation()), TRAILING_FIX);
                }
            } catch (JsonProcessingException e) {
                // What follows is not even JSON ("}" too many, "garbage"): it is still text after the spec.
                problems.add("$", "has more text after the JSON object" + SpecEcho.where(e), TRAILING_FIX);
            }
            problems.throwIfAny();
            return tree;
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                problems.add(duplicatePath(e), "is written twice in the same object" + SpecEcho.where(e),
                        "keep one of them: JSON parsers disagree on which value wins");
            } else {
                // The parser's own message quotes the text around the mistake, which may be a secret: say only where it is.
                problems.add("$", "is not valid JSON" + SpecEcho.where(e), "send the migration spec as one JSON object");
            }
            throw new InvalidSpecException(problems.all());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String at(JsonLocation location) {
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The field a duplicate was found at, as the reader names paths ({@code source.host}), from the parser's context. */
    private static String duplicatePath(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            StringBuilder path = new StringBuilder();
            for (String step : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/")) {
                String name = step.replace("~1", "/").replace("~0", "~");
                if (name.matches("\\d+") && path.length() > 0) {
                    path.append('[').append(name).append(']');
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(name);
                }
            }
            if (path.length() > 0) {
                return path.toString();
            }
        }
        return "$";
    }

    private static int utf8Length(String text) {
        // Every character is at least one byte: a text longer than the limit is not encoded to learn that it is too big.
        return text.length() > MAX_BYTES ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long kilobytes(int bytes) {
        return (bytes + 1023L) / 1024;
    }
}
