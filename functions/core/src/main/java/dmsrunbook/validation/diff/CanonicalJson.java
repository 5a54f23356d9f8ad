package dmsrunbook.validation.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON text in one canonical form, so documents equal as JSON compare equal as text: object keys sorted, no
 * whitespace, numbers by value ({@code 1.0} = {@code 1}), strings with one escaping. PostgreSQL's {@code jsonb} text
 * and MySQL/MariaDB's JSON text of the same document differ in key order and spacing; this is where they meet.
 */
final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private CanonicalJson() {
    }

    /** The canonical text, or null when {@code text} is not JSON (then it is compared as it is). */
    static String of(String text) {
        try {
            StringBuilder out = new StringBuilder(text.length());
            write(MAPPER.readTree(text), out);
            return out.toString();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
                names.add(fields.next());
            }
            names.sort(KeyOrder::byCodePoint);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toString());
        } else {
            out.append(node);
        }
    }
}
