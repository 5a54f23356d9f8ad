package dmsrunbook.spec;

/** The engines an endpoint can be, named as DMS names them ({@code EngineName}). */
public enum DatabaseEngine implements SpecValue {
    POSTGRES("postgres", Family.POSTGRES),
    AURORA_POSTGRESQL("aurora-postgresql", Family.POSTGRES),
    MYSQL("mysql", Family.MYSQL),
    MARIADB("mariadb", Family.MYSQL),
    AURORA_MYSQL("aurora", Family.MYSQL),
    S3("s3", Family.OBJECT_STORE);

    /** Engines that speak the same SQL and are checked the same way. */
    public enum Family { POSTGRES, MYSQL, OBJECT_STORE }

    private final String value;
    private final Family family;

    DatabaseEngine(String value, Family family) {
        this.value = value;
        this.family = family;
    }

    @Override
    public String value() {
        return value;
    }

    public Family family() {
        return family;
    }

    public boolean isDatabase() {
        return family != Family.OBJECT_STORE;
    }

    public int defaultPort() {
        return switch (family) {
            case POSTGRES -> 5432;
            case MYSQL -> 3306;
            case OBJECT_STORE -> 0;
        };
    }
}
