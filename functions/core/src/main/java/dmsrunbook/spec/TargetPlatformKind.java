package dmsrunbook.spec;

/**
 * What runs the target database, as the schema assessment judges it: which extensions it offers and what its users
 * may create depend on it (Amazon RDS and Aurora offer a fixed list of extensions; a self-managed server offers what
 * is installed on it).
 */
public enum TargetPlatformKind implements SpecValue {
    RDS_POSTGRESQL("rds-postgresql", "Amazon RDS for PostgreSQL"),
    AURORA_POSTGRESQL("aurora-postgresql", "Amazon Aurora PostgreSQL"),
    SELF_MANAGED_POSTGRESQL("self-managed-postgresql", "self-managed PostgreSQL");

    private final String value;
    private final String words;

    TargetPlatformKind(String value, String words) {
        this.value = value;
        this.words = words;
    }

    @Override
    public String value() {
        return value;
    }

    /** The platform as a report names it, e.g. "Amazon Aurora PostgreSQL". */
    public String words() {
        return words;
    }

    /** Whether AWS decides which extensions it offers (RDS and Aurora). */
    public boolean isManagedByAws() {
        return this != SELF_MANAGED_POSTGRESQL;
    }
}
