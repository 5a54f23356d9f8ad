package dmsrunbook.bench;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets that count the bytes each database sends to this JVM and the bytes sent to it, per server port:
 * what a method would move over the network between the two sites. Both drivers take it by class name (PostgreSQL's
 * {@code socketFactory} property, MariaDB's {@code socketFactory} option); it adds no hop and no copy, only a counter
 * per read and write of the drivers' buffered streams.
 */
public final class CountingSocketFactory extends SocketFactory {

    private static final Map<Integer, Traffic> BY_PORT = new ConcurrentHashMap<>();

    /** The bytes moved with one server since the last {@link #reset}. */
    static final class Traffic {
        final LongAdder received = new LongAdder();
        final LongAdder sent = new LongAdder();
    }

    /** The driver instantiates it; PostgreSQL's driver passes {@code socketFactoryArg}, unused. */
    public CountingSocketFactory() {
    }

    public CountingSocketFactory(String ignored) {
    }

    /** Bytes the server on {@code port} sent to this JVM since the last reset. */
    static long receivedFrom(int port) {
        return traffic(port).received.sum();
    }

    /** Bytes this JVM sent to the server on {@code port} since the last reset. */
    static long sentTo(int port) {
        return traffic(port).sent.sum();
    }

    static void reset() {
        BY_PORT.values().forEach(t -> {
            t.received.reset();
            t.sent.reset();
        });
    }

    private static Traffic traffic(int port) {
        return BY_PORT.computeIfAbsent(port, p -> new Traffic());
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = new CountingSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = new CountingSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    /** A socket whose streams count into its server port's {@link Traffic}. */
    private static final class CountingSocket extends Socket {

        private Traffic traffic;
        private InputStream countedIn;
        private OutputStream countedOut;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            traffic = traffic(((InetSocketAddress) endpoint).getPort());
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (countedIn == null) {
                Traffic counted = traffic;
                // Inside the filters, `in` and `out` are the socket's own streams they wrap.
                countedIn = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            counted.received.increment();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            counted.received.add(n);
                        }
                        return n;
                    }
                };
            }
            return countedIn;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (countedOut == null) {
                Traffic counted = traffic;
                countedOut = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        counted.sent.increment();
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        out.write(buffer, offset, length);
                        counted.sent.add(length);
                    }
                };
            }
            return countedOut;
        }
    }
}
