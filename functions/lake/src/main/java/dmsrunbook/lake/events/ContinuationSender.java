package dmsrunbook.lake.events;

/** Hands a {@link Continuation} on to the lake's own queue. */
@FunctionalInterface
public interface ContinuationSender {

    /** Sends {@code continuation}; throws when it could not be sent (its files' messages then return to the queue). */
    void send(Continuation continuation);
}
