package dmsrunbook.lake.compaction;

import dmsrunbook.error.TerminalException;

/**
 * Thrown when one input of a merge cannot be decoded (corrupt page, truncated file): the same bytes will not decode on
 * a retry. It names the input so that the caller can set a DMS file aside (quarantine) or, for one of the lake's own
 * committed files, stop and say which file to restore; the caller gives that fix, so this carries none.
 */
public final class InputUnreadableException extends TerminalException {

    private final String input;

    public InputUnreadableException(String input, Throwable cause) {
        super(input + " cannot be read as Parquet: " + cause.getMessage(), "", cause);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
