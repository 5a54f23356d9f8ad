package dmsrunbook.validation.diff;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Lends the connections of a run of many diffs again and again instead of opening new ones per table: a work item
 * of a hundred small tables would otherwise spend most of its time logging in. A lent connection's {@code close()}
 * ends its transaction and hands it back (the next diff prepares its session again); {@link #close()} closes them all.
 * Not shared between threads: one run, one thread.
 */
public final class ConnectionReuse implements AutoCloseable {

    private final List<Connection> opened = new ArrayList<>();

    /** {@code database}, whose connections come from this run's idle ones when there are any. */
    public ComparedDatabase lend(ComparedDatabase database) {
        Deque<Connection> idle = new ArrayDeque<>();
        return new ComparedDatabase(database.engine(), database.description(), () -> {
            Connection connection = idle.pollFirst();
            if (connection == null) {
                connection = database.opener().open();
                opened.add(connection);
            }
            return lent(connection, idle);
        });
    }

    private static Connection lent(Connection connection, Deque<Connection> idle) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!returned[0]) {
                                returned[0] = true;
                                giveBack(connection, idle);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned[0] || connection.isClosed();
                        }
                        default -> {
                            try {
                                return method.invoke(connection, arguments);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private static void giveBack(Connection connection, Deque<Connection> idle) {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            idle.addLast(connection);
        } catch (SQLException e) {
            // A connection that cannot end its transaction is not lent again.
            ComparedDatabase.closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        opened.forEach(ComparedDatabase::closeQuietly);
        opened.clear();
    }
}
