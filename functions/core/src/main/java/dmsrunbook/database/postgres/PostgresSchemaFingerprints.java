package dmsrunbook.database.postgres;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.Failures;
import dmsrunbook.schema.SchemaFingerprint;
import dmsrunbook.schema.SourceSchemaFingerprints;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Fingerprints of a PostgreSQL source's selected schemas: every object {@link PostgresCatalogReader} reads, with its
 * full definition as the server renders it ({@link PostgresInventory#withBodies}), read in one snapshot.
 */
public final class PostgresSchemaFingerprints implements SourceSchemaFingerprints {

    private final DatabaseConnector connector;

    public PostgresSchemaFingerprints(DatabaseConnector connector) {
        this.connector = connector;
    }

    @Override
    public SchemaFingerprint take(MigrationSpec spec) {
        try (Connection source = connector.connect(spec.source())) {
            return of(PostgresCatalogReader.read(source, PostgresTargetSchema.selection(spec, source).sourceSchemas()));
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the schema", spec.source().describe(), e);
        }
    }

    /** The fingerprint of a catalog read now. */
    public static SchemaFingerprint of(PostgresCatalog catalog) {
        return SchemaFingerprint.of(PostgresInventory.withBodies(catalog), Instant.now());
    }
}
