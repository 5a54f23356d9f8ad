package dmsrunbook.cutover;

/** A target sequence after the cutover moved it: its name, the value it was set to, and where that came from. */
public record SequenceValue(String sequence, long value, String from) {
}
