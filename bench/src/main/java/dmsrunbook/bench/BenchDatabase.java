package dmsrunbook.bench;

import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.validation.diff.ComparedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One database of the diff benchmark as every method reaches it: the same JDBC URL and credentials, through
 * {@link CountingSocketFactory}, so the bytes each server sends are counted whichever method asks.
 *
 * @param engine   its engine
 * @param name     for the report, e.g. "source"
 * @param port     its loopback port (the traffic counters' key)
 * @param url      the JDBC URL, without credentials
 * @param user     the user
 * @param password the password (a local cluster's, never printed)
 */
record BenchDatabase(DatabaseEngine engine, String name, int port, String url, String user, String password) {

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("socketFactory", CountingSocketFactory.class.getName());
        return DriverManager.getConnection(url, properties);
    }

    /** The side of a diff: read-only sessions opened through the counting sockets. */
    ComparedDatabase compared() {
        return new ComparedDatabase(engine, engine.value() + " " + name, this::connect);
    }

    long bytesSent() {
        return CountingSocketFactory.receivedFrom(port);
    }

    long bytesReceived() {
        return CountingSocketFactory.sentTo(port);
    }

    @Override
    public String toString() {
        return engine.value() + " " + name + " (" + url + ")";
    }
}
