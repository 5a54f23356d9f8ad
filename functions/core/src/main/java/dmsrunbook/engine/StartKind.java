package dmsrunbook.engine;

/** How StartReplication left the replication, in words every engine can use. */
public enum StartKind {
    /** Started for the first time: the initial copy (or change capture) begins. */
    FRESH,
    /** Started again after a stop, from where it stopped. */
    RESUMED,
    /** Started again from a new full load of the target, because the spec asks for it. */
    RELOADED,
    /** Was running already (a retried step or a re-run): nothing was started. */
    ALREADY_RUNNING,
    /** A full-load-only replication that had finished: nothing was started. */
    ALREADY_FINISHED,
    /** Exists but cannot start yet (a DMS task still being created or stopped). */
    NOT_STARTED
}
