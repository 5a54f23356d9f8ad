package dmsrunbook.validation.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/**
 * Orders keys by value, as both databases are told to order them: numbers numerically, text by Unicode code point
 * (what PostgreSQL's "C" collation on UTF-8 and a binary UTF-8 comparison on MySQL give), never by either side's
 * collation. Java's own {@link String#compareTo} orders UTF-16 units, which puts U+E000..U+FFFF after supplementary
 * characters; code points do not.
 */
public final class KeyOrder implements Comparator<Key> {

    private final List<ValueKind> kinds;

    public KeyOrder(List<ValueKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    @Override
    public int compare(Key a, Key b) {
        for (int i = 0; i < kinds.size(); i++) {
            int order = compare(kinds.get(i), a.values().get(i), b.values().get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    static int compare(ValueKind kind, String a, String b) {
        return switch (kind) {
            case INTEGER, DATE, TIMESTAMP -> new BigInteger(a).compareTo(new BigInteger(b));
            case DECIMAL -> new BigDecimal(a).compareTo(new BigDecimal(b));
            case TEXT -> byCodePoint(a, b);
            // Lower-case hex and UUIDs: ASCII, so code units and bytes agree.
            default -> a.compareTo(b);
        };
    }

    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
