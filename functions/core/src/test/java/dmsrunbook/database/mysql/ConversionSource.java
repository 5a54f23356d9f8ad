package dmsrunbook.database.mysql;

import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB test shop of {@code schema/mysql-conversion-source.sql}, loaded into a database of its own, and the DMS
 * mappings the conversion tests use: every table of that database, the schema renamed to {@code shop}, the table
 * {@code customers} renamed to {@code clients}, every table and column name in lower case.
 */
final class ConversionSource {

    /** The target schema the mappings rename the source database to. */
    static final String TARGET_SCHEMA = "shop";

    private ConversionSource() {
    }

    /** A fresh MariaDB database holding the test shop; returns its name. */
    static String create(String purpose) {
        String database = SharedMariaDb.freshDatabase(purpose);
        SharedMariaDb.server().execute("", "ALTER DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        try (Connection connection = mariaDb(database); Statement statement = connection.createStatement()) {
            statement.execute(script());
        } catch (SQLException e) {
            throw new IllegalStateException("loading the test shop failed: " + e.getMessage(), e);
        }
        return database;
    }

    static Connection mariaDb(String database) throws SQLException {
        return SharedMariaDb.server().connect(database);
    }

    static Connection postgres(String database) throws SQLException {
        return SharedPostgres.cluster().connect(database);
    }

    /** Every table of {@code database}, renamed as the class says. */
    static TableMappings renamingMappings(String database) {
        return TableMappings.parse(Json.tree(renamingMappingsJson(database)));
    }

    /** The same mappings as a spec's tableMappings JSON. */
    static String renamingMappingsJson(String database) {
        return ("""
                {"rules": [
                  {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "%1$s", "table-name": "%%"},
                   "rule-action": "include"},
                  {"rule-type": "transformation", "rule-id": "2", "rule-name": "schema", "rule-target": "schema",
                   "object-locator": {"schema-name": "%1$s"}, "rule-action": "rename", "value": "shop"},
                  {"rule-type": "transformation", "rule-id": "3", "rule-name": "clients", "rule-target": "table",
                   "object-locator": {"schema-name": "%1$s", "table-name": "customers"}, "rule-action": "rename", "value": "clients"},
                  {"rule-type": "transformation", "rule-id": "4", "rule-name": "lower-tables", "rule-target": "table",
                   "object-locator": {"schema-name": "%1$s", "table-name": "%%"}, "rule-action": "convert-lowercase"},
                  {"rule-type": "transformation", "rule-id": "5", "rule-name": "lower-columns", "rule-target": "column",
                   "object-locator": {"schema-name": "%1$s", "table-name": "%%", "column-name": "%%"}, "rule-action": "convert-lowercase"}
                ]}""".formatted(database));
    }

    /** Every table of {@code database}, names as the source has them. */
    static TableMappings plainMappings(String database) {
        return TableMappings.parse(Json.tree("""
                {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                  "object-locator": {"schema-name": "%s", "table-name": "%%"}, "rule-action": "include"}]}""".formatted(database)));
    }

    private static String script() {
        try {
            return Files.readString(Path.of(ConversionSource.class.getResource("/schema/mysql-conversion-source.sql").toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
