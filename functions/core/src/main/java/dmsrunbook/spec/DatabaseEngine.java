package dmsrunbook.spec;

/** The engines an endpoint can be, named as DMS names them ({@code EngineName}). */
public enum DatabaseEngine implements SpecValue {
    POSTGRES("postgres", Family.POSTGRES),
    AURORA_POSTGRESQL("aurora-postgresql", Family.POSTGRES),
    MYSQL("mysql", Family.MYSQL),
    MARIADB("mariadb", Family.MYSQL),
    AURORA_MYSQL("aurora", Family.MYSQL),
    S3("s3", Family.OBJECT_STORE);

    /** Engines that speak the same SQL and are checked the same way, with the port their servers listen on by default. */
    public enum Family {
        POSTGRES(5432), MYSQL(3306), OBJECT_STORE(0);

        private final int defaultPort;

        Family(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

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
        return family.defaultPort;
    }
}
