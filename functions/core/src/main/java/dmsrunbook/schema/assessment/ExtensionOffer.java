package dmsrunbook.schema.assessment;

/**
 * Whether the target offers an extension, and who says so: the target's own catalog, or the runbook's list of what
 * RDS and Aurora offer (which may be incomplete: then an extension it lacks is {@link Availability#UNKNOWN}).
 */
public record ExtensionOffer(Availability availability, String source) {

    /** What is known about one extension on the target. */
    public enum Availability {
        OFFERED,
        NOT_OFFERED,
        /** Installable, but the target's {@code rds.allowed_extensions} leaves it out. */
        NOT_ALLOWED,
        UNKNOWN
    }

    public static ExtensionOffer offered(String source) {
        return new ExtensionOffer(Availability.OFFERED, source);
    }

    public static ExtensionOffer notOffered(String source) {
        return new ExtensionOffer(Availability.NOT_OFFERED, source);
    }

    public static ExtensionOffer unknown(String source) {
        return new ExtensionOffer(Availability.UNKNOWN, source);
    }

    public static ExtensionOffer notAllowed(String source) {
        return new ExtensionOffer(Availability.NOT_ALLOWED, source);
    }
}
