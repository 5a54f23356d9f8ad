package dmsrunbook.tests;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything this JVM writes to stdout and stderr while open, still passed on to the real streams, plus every log
 * event as the functions' console appender formats it. Log4j's console appender keeps the stream it was started
 * with (its manager outlives reconfiguration), so the log events are captured by an appender of their own.
 */
final class ConsoleCapture implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Appender logs;

    private ConsoleCapture() {
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        Configuration configuration = context().getConfiguration();
        Appender console = configuration.getAppender("JsonAppender");
        Layout<?> layout = console != null ? console.getLayout() : PatternLayout.createDefaultLayout(configuration);
        logs = OutputStreamAppender.newBuilder().setName("console-capture").setLayout(layout)
                .setTarget(new Tee(OutputStream.nullOutputStream(), captured)).build();
        logs.start();
        configuration.addAppender(logs);
        configuration.getRootLogger().addAppender(logs, null, null);
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            logger.addAppender(logs, null, null);
        }
        context().updateLoggers();
    }

    static ConsoleCapture start() {
        return new ConsoleCapture();
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Configuration configuration = context().getConfiguration();
        configuration.getRootLogger().removeAppender(logs.getName());
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            logger.removeAppender(logs.getName());
        }
        context().updateLoggers();
        logs.stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            synchronized (second) {
                second.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
