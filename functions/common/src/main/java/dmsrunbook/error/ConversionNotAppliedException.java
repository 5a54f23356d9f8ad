package dmsrunbook.error;

/**
 * An accepted conversion proposal could not be applied on the target: PostgreSQL refused to compile it (its message is
 * in ours, never hidden), or the approver accepted a name that no proposal has. Nothing of the accepted proposals is
 * left on the target: they are applied in one transaction.
 */
public final class ConversionNotAppliedException extends TerminalException {

    public ConversionNotAppliedException(String message, String remediation) {
        super(message, remediation);
    }
}
