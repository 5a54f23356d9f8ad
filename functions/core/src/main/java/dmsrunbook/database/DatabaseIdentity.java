package dmsrunbook.database;

/**
 * Which server a connection reached, and which of its catalogs: two connections with equal identities read and write
 * the same tables, whatever host names led to them. {@code server} is what the family's server says of itself (for
 * PostgreSQL its system identifier and start time, which a clone restored from a snapshot does not share); {@code
 * catalog} is the namespace tables live in: a PostgreSQL database, or empty for MySQL, where every database of a
 * server is one catalog of schemas.
 */
public record DatabaseIdentity(String server, String catalog) {

    public boolean sameServer(DatabaseIdentity other) {
        return other != null && server.equals(other.server);
    }

    public boolean sameCatalog(DatabaseIdentity other) {
        return sameServer(other) && catalog.equals(other.catalog);
    }
}
