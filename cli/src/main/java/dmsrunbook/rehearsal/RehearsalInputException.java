package dmsrunbook.rehearsal;

/**
 * What the operator gave a rehearsal cannot be used (a dump that is not one, a URL that does not answer, a spec the
 * local rehearsal cannot play): thrown before the migration starts, its message naming the option and the fix.
 */
public final class RehearsalInputException extends RuntimeException {

    public RehearsalInputException(String message) {
        super(message);
    }
}
