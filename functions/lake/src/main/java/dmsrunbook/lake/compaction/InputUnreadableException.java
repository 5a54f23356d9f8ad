package dmsrunbook.lake.compaction;

/** Thrown when one input of a merge cannot be decoded (corrupt page, truncated file): names it so it can be set aside. */
public final class InputUnreadableException extends RuntimeException {

    private final String input;

    public InputUnreadableException(String input, Throwable cause) {
        super(input + " cannot be read as Parquet: " + cause.getMessage(), cause);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
