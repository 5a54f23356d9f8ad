package dmsrunbook.validation.diff;

/** The smallest and the largest key present in a key range. */
public record KeySpan(Key first, Key last) {
}
