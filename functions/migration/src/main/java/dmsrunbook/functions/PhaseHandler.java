package dmsrunbook.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dmsrunbook.error.RunbookException;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The shape of every phase handler: JSON in, one call into core, JSON out, with Powertools' structured logging and
 * the execution id on every line. Exceptions go out unchanged: their class name is the error the state machine's
 * Retry and Catch match. Handlers stream their own JSON, so they run the same under Lambda and in the local gateway.
 *
 * @param <I> the typed input
 * @param <O> the small typed result the state machine stores
 */
public abstract class PhaseHandler<I, O> implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PhaseHandler.class);

    private final Class<I> inputType;

    protected PhaseHandler(Class<I> inputType) {
        this.inputType = inputType;
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        I input = read(in.readAllBytes());
        O output = PowertoolsLogging.withLogging(context, () -> {
            MDC.put("execution_id", executionId(input));
            try {
                LOG.info("{} started", getClass().getSimpleName());
                O result = handle(input, context);
                LOG.info("{} finished", getClass().getSimpleName());
                return result;
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", getClass().getSimpleName(), e.getMessage());
                throw e;
            } finally {
                MDC.remove("execution_id");
            }
        });
        try {
            Json.MAPPER.writeValue(out, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The typed input. Reading it runs the runbook's own readers too (a phase request's spec goes through SpecReader):
     * what they reject leaves as their own exception, as if the phase had thrown it, not inside Jackson's wrapper.
     */
    private I read(byte[] json) {
        try {
            return Json.read(json, inputType);
        } catch (IllegalArgumentException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RunbookException runbook) {
                    throw runbook;
                }
            }
            throw e;
        }
    }

    /** Runs the phase. */
    protected abstract O handle(I input);

    /**
     * Runs the phase in an invocation whose {@code context} (null outside Lambda) tells how much time it has left;
     * a phase that works within that time overrides this.
     */
    protected O handle(I input, Context context) {
        return handle(input);
    }

    /** The execution this call serves, for the logs. */
    protected abstract String executionId(I input);
}
