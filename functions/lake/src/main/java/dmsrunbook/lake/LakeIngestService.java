package dmsrunbook.lake;

import dmsrunbook.lake.commit.IncomingObject;
import dmsrunbook.lake.commit.IngestResult;
import dmsrunbook.lake.commit.RemovalNotice;
import dmsrunbook.lake.commit.TableBatch;
import dmsrunbook.lake.commit.TableConfig;
import dmsrunbook.lake.commit.TableIngestor;
import dmsrunbook.lake.events.Continuation;
import dmsrunbook.lake.events.ContinuationSender;
import dmsrunbook.lake.events.S3EventNotices;
import dmsrunbook.lake.events.S3EventNotices.CreatedObject;
import dmsrunbook.lake.events.S3EventNotices.RemovedObject;
import dmsrunbook.lake.layout.DmsObjectKey;
import dmsrunbook.lake.layout.TableName;
import dmsrunbook.lake.layout.UnrecognisedObjectException;
import dmsrunbook.lake.quarantine.Quarantine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of SQS messages carrying S3 notifications of new (and removed) DMS files, or the lake's own
 * {@link Continuation}s, groups them by table and ingests each table once. A table that fails fails only the
 * messages that carried its files (they come back; the others are done); a message that cannot be read fails alone.
 * Files left for later when the invocation runs out of time are handed on in a continuation to the lake's queue and
 * their messages acknowledged, so a long load never counts towards the queue's {@code maxReceiveCount} (without a
 * queue to hand on to, or when sending fails, their messages come back instead). Files of unknown tables or with
 * unrecognised names (DMS CSV output among them) are quarantined, not retried. Removals count only when DMS made them
 * ({@code DMS_WRITER_PRINCIPAL}); others, the lake's own deletions included, are noted and dropped.
 */
public final class LakeIngestService {

    private static final Logger LOG = LoggerFactory.getLogger(LakeIngestService.class);

    private final LakeSettings settings;
    private final TableIngestor ingestor;
    private final Quarantine quarantine;
    private final Optional<ContinuationSender> handOff;

    /** A service that hands files left for later on with {@code handOff} (none: their messages come back). */
    public LakeIngestService(LakeSettings settings, TableIngestor ingestor, Quarantine quarantine, Optional<ContinuationSender> handOff) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.quarantine = quarantine;
        this.handOff = handOff;
    }

    /**
     * One SQS message.
     *
     * @param messageId its id, reported back when it failed
     * @param body      its body
     */
    public record Message(String messageId, String body) {
    }

    /**
     * What a batch did.
     *
     * @param failedMessageIds messages to leave on the queue
     * @param tables           per table ({@code schema.table}, quoted where a name holds a dot), what its ingest did
     * @param quarantined      files set aside before reaching a table (unknown table, unrecognised name)
     * @param handedOn         files left for later and handed on in continuations
     */
    public record BatchOutcome(List<String> failedMessageIds, Map<String, IngestResult> tables, int quarantined, int handedOn) {
    }

    /** Ingests a batch with no time limit. */
    public BatchOutcome ingest(List<Message> messages) {
        return ingest(messages, Long.MAX_VALUE);
    }

    /** Ingests a batch; files that cannot be taken in before {@code deadlineMillis} are handed on (or fail their messages). */
    public BatchOutcome ingest(List<Message> messages, long deadlineMillis) {
        Sorted sorted = new Sorted();
        for (Message message : messages) {
            try {
                sort(message, sorted);
            } catch (RuntimeException e) {
                // A message that cannot be read (not S3's, a key that is not URL-encoded) fails alone: the rest go on.
                LOG.error("message {} cannot be read; it returns to the queue (and reaches the dead-letter queue): {}",
                        message.messageId(), e.getMessage());
                sorted.failed.add(message.messageId());
            }
        }
        Map<String, IngestResult> results = new LinkedHashMap<>();
        int handedOn = 0;
        for (Map.Entry<TableName, Set<String>> entry : sorted.messagesByTable.entrySet()) {
            TableName name = entry.getKey();
            TableConfig table = new TableConfig(name, settings.tableKeys().get(name), settings.stateBuckets());
            try {
                IngestResult result = ingestor.ingest(new TableBatch(table, dedupe(sorted.byTable.getOrDefault(name, List.of())),
                        sorted.removalsByTable.getOrDefault(name, List.of())), deadlineMillis);
                results.put(name.toString(), result);
                LOG.info("{}: {}", name, result);
                if (!result.deferred().isEmpty()) {
                    if (!result.waiting() && handOn(name, result.deferred())) {
                        handedOn += result.deferred().size();
                    } else {
                        result.deferred().forEach(key -> sorted.failed.addAll(sorted.messagesByKey.getOrDefault(key, Set.of())));
                    }
                }
            } catch (RuntimeException e) {
                // One table's failure must not hold back the others: only its messages return to the queue.
                LOG.error("ingesting {} failed; its {} message(s) will be retried: {}", name, entry.getValue().size(), e.toString(), e);
                sorted.failed.addAll(entry.getValue());
            }
        }
        return new BatchOutcome(List.copyOf(sorted.failed), results, sorted.quarantined, handedOn);
    }

    /** The batch's messages sorted by table. */
    private static final class Sorted {
        final Map<TableName, List<IncomingObject>> byTable = new LinkedHashMap<>();
        final Map<TableName, List<RemovalNotice>> removalsByTable = new LinkedHashMap<>();
        final Map<TableName, Set<String>> messagesByTable = new LinkedHashMap<>();
        final Map<String, Set<String>> messagesByKey = new LinkedHashMap<>();
        final Set<String> failed = new LinkedHashSet<>();
        int quarantined;
    }

    /** Sorts what one message announces (an S3 notification or a continuation) into {@code sorted}. */
    private void sort(Message message, Sorted sorted) {
        Optional<Continuation> continuation = Continuation.read(message.body());
        S3EventNotices.Notices notices = continuation.isPresent()
                ? new S3EventNotices.Notices(continuation.get().keys().stream()
                        .map(key -> new CreatedObject(continuation.get().bucket(), key, null)).toList(), List.of())
                : S3EventNotices.parseAll(message.body());
        for (RemovedObject removed : notices.removed()) {
            RemovalNotice notice = removalOf(removed);
            if (notice != null) {
                TableName table = settings.dms().parse(removed.key()).tableName();
                sorted.removalsByTable.computeIfAbsent(table, t -> new ArrayList<>()).add(notice);
                sorted.messagesByTable.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(message.messageId());
            }
        }
        for (CreatedObject object : notices.created()) {
            if (!object.bucket().equals(settings.bucket())) {
                LOG.error("message {} announces s3://{}/{}, but the lake reads bucket {}: fix the bucket notification or LAKE_BUCKET",
                        message.messageId(), object.bucket(), object.key(), settings.bucket());
                sorted.failed.add(message.messageId());
                continue;
            }
            DmsObjectKey key;
            try {
                key = settings.dms().parse(object.key());
            } catch (UnrecognisedObjectException e) {
                sorted.quarantined += setAside(message, object.key(), e.getMessage(), e.remediation(), sorted.failed);
                continue;
            }
            TableName table = key.tableName();
            if (!settings.tableKeys().containsKey(table)) {
                sorted.quarantined += setAside(message, object.key(), "table " + table + " is not configured for the lake",
                        "Add '" + table + ":<primary key columns>' to the lake function's LAKE_TABLES (the stack's LakeTables), "
                                + "then copy the file back from the quarantine prefix.", sorted.failed);
                continue;
            }
            sorted.byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new IncomingObject(key, object.etag()));
            sorted.messagesByTable.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(message.messageId());
            sorted.messagesByKey.computeIfAbsent(key.key(), k -> new LinkedHashSet<>()).add(message.messageId());
        }
    }

    /**
     * Hands {@code keys} of {@code table} on to the lake's queue; false when there is no queue to hand on to or
     * sending failed (the messages that announced them then come back instead).
     */
    private boolean handOn(TableName table, List<String> keys) {
        if (handOff.isEmpty()) {
            LOG.warn("{}: {} file(s) left for later return with their messages (LAKE_QUEUE_URL is not set: each return counts "
                    + "towards the queue's maxReceiveCount)", table, keys.size());
            return false;
        }
        try {
            for (Continuation continuation : Continuation.of(settings.bucket(), table, keys)) {
                handOff.get().send(continuation);
            }
        } catch (RuntimeException e) {
            // Some continuations may be out: their files are then announced twice, which the manifest makes harmless.
            LOG.error("{}: handing {} file(s) on failed; their messages return to the queue: {}", table, keys.size(), e.toString(), e);
            return false;
        }
        LOG.info("{}: {} file(s) left for the next invocation, handed on to the lake's queue", table, keys.size());
        return true;
    }

    /** The removal as the table sees it, or null when it concerns no configured table's DMS file. */
    private RemovalNotice removalOf(RemovedObject removed) {
        if (!removed.bucket().equals(settings.bucket()) || settings.dmsWriterPrincipal().isEmpty()) {
            return null;
        }
        DmsObjectKey key;
        try {
            key = settings.dms().parse(removed.key());
        } catch (UnrecognisedObjectException e) {
            return null;
        }
        if (!settings.tableKeys().containsKey(key.tableName())) {
            return null;
        }
        boolean byDms = removed.principal() != null && removed.principal().contains(settings.dmsWriterPrincipal().get());
        if (byDms) {
            LOG.info("DMS removed {} at {}: {} was truncated, dropped or is being reloaded", removed.key(), removed.at(), key.tableName());
        }
        return new RemovalNotice(removed.key(), removed.at().toEpochMilli(), byDms);
    }

    /** Quarantines one object; if that fails, only its message goes back to the queue. Returns 1 when set aside. */
    private int setAside(Message message, String key, String problem, String fix, Set<String> failed) {
        try {
            quarantine.quarantine(key, problem, fix);
            return 1;
        } catch (RuntimeException e) {
            LOG.error("could not quarantine {}; message {} will be retried: {}", key, message.messageId(), e.toString(), e);
            failed.add(message.messageId());
            return 0;
        }
    }

    private static List<IncomingObject> dedupe(List<IncomingObject> objects) {
        Map<String, IncomingObject> unique = new LinkedHashMap<>();
        for (IncomingObject object : objects) {
            unique.putIfAbsent(object.key().key() + "#" + object.etag(), object);
        }
        return new ArrayList<>(unique.values());
    }
}
