package dmsrunbook.lake;

import dmsrunbook.lake.commit.IncomingObject;
import dmsrunbook.lake.commit.IngestResult;
import dmsrunbook.lake.commit.RemovalNotice;
import dmsrunbook.lake.commit.TableBatch;
import dmsrunbook.lake.commit.TableConfig;
import dmsrunbook.lake.commit.TableIngestor;
import dmsrunbook.lake.events.S3EventNotices;
import dmsrunbook.lake.events.S3EventNotices.CreatedObject;
import dmsrunbook.lake.events.S3EventNotices.RemovedObject;
import dmsrunbook.lake.layout.DmsObjectKey;
import dmsrunbook.lake.layout.UnrecognisedObjectException;
import dmsrunbook.lake.quarantine.Quarantine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of SQS messages carrying S3 notifications of new (and removed) DMS files, groups them by table and
 * ingests each table once. A table that fails fails only the messages that carried its files (they come back; the
 * others are done), and so do files left for later when the invocation runs out of time; files of unknown tables or
 * with unrecognised names are quarantined, not retried. Removals count only when DMS made them
 * ({@code DMS_WRITER_PRINCIPAL}); others, the lake's own deletions included, are noted and dropped.
 */
public final class LakeIngestService {

    private static final Logger LOG = LoggerFactory.getLogger(LakeIngestService.class);

    private final LakeSettings settings;
    private final TableIngestor ingestor;
    private final Quarantine quarantine;

    public LakeIngestService(LakeSettings settings, TableIngestor ingestor, Quarantine quarantine) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.quarantine = quarantine;
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
     * @param tables           per table, what its ingest did
     * @param quarantined      files set aside before reaching a table (unknown table, unrecognised name)
     */
    public record BatchOutcome(List<String> failedMessageIds, Map<String, IngestResult> tables, int quarantined) {
    }

    /** Ingests a batch with no time limit. */
    public BatchOutcome ingest(List<Message> messages) {
        return ingest(messages, Long.MAX_VALUE);
    }

    /** Ingests a batch; files that cannot be taken in before {@code deadlineMillis} fail their messages, to come back. */
    public BatchOutcome ingest(List<Message> messages, long deadlineMillis) {
        Map<String, List<IncomingObject>> byTable = new LinkedHashMap<>();
        Map<String, List<RemovalNotice>> removalsByTable = new LinkedHashMap<>();
        Map<String, Set<String>> messagesByTable = new LinkedHashMap<>();
        Map<String, Set<String>> messagesByKey = new LinkedHashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        int quarantined = 0;
        for (Message message : messages) {
            S3EventNotices.Notices notices;
            try {
                notices = S3EventNotices.parseAll(message.body());
            } catch (S3EventNotices.MalformedEventException e) {
                LOG.error("message {} is not an S3 event notification: {}", message.messageId(), e.getMessage());
                failed.add(message.messageId());
                continue;
            }
            for (RemovedObject removed : notices.removed()) {
                RemovalNotice notice = removalOf(removed);
                if (notice != null) {
                    String table = settings.dms().parse(removed.key()).qualifiedTable();
                    removalsByTable.computeIfAbsent(table, t -> new ArrayList<>()).add(notice);
                    messagesByTable.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(message.messageId());
                }
            }
            for (CreatedObject object : notices.created()) {
                if (!object.bucket().equals(settings.bucket())) {
                    LOG.error("message {} announces s3://{}/{}, but the lake reads bucket {}: fix the bucket notification or LAKE_BUCKET",
                            message.messageId(), object.bucket(), object.key(), settings.bucket());
                    failed.add(message.messageId());
                    continue;
                }
                DmsObjectKey key;
                try {
                    key = settings.dms().parse(object.key());
                } catch (UnrecognisedObjectException e) {
                    quarantined += setAside(message, object.key(), e.getMessage(), e.remediation(), failed);
                    continue;
                }
                List<String> primaryKey = settings.tableKeys().get(key.qualifiedTable());
                if (primaryKey == null) {
                    quarantined += setAside(message, object.key(), "table " + key.qualifiedTable() + " is not configured for the lake",
                            "Add '" + key.qualifiedTable() + ":<primary key columns>' to the lake function's LAKE_TABLES, "
                                    + "then copy the file back from the quarantine prefix.", failed);
                    continue;
                }
                byTable.computeIfAbsent(key.qualifiedTable(), t -> new ArrayList<>()).add(new IncomingObject(key, object.etag()));
                messagesByTable.computeIfAbsent(key.qualifiedTable(), t -> new LinkedHashSet<>()).add(message.messageId());
                messagesByKey.computeIfAbsent(key.key(), k -> new LinkedHashSet<>()).add(message.messageId());
            }
        }
        Map<String, IngestResult> results = new LinkedHashMap<>();
        for (String qualified : messagesByTable.keySet()) {
            List<String> names = List.of(qualified.split("\\.", 2));
            TableConfig table = new TableConfig(names.get(0), names.get(1), settings.tableKeys().get(qualified), settings.stateBuckets());
            try {
                IngestResult result = ingestor.ingest(new TableBatch(table, dedupe(byTable.getOrDefault(qualified, List.of())),
                        removalsByTable.getOrDefault(qualified, List.of())), deadlineMillis);
                results.put(qualified, result);
                LOG.info("{}: {}", qualified, result);
                for (String key : result.deferred()) {
                    failed.addAll(messagesByKey.getOrDefault(key, Set.of()));
                }
            } catch (RuntimeException e) {
                // One table's failure must not hold back the others: only its messages return to the queue.
                LOG.error("ingesting {} failed; its {} message(s) will be retried: {}", qualified,
                        messagesByTable.get(qualified).size(), e.toString(), e);
                failed.addAll(messagesByTable.get(qualified));
            }
        }
        return new BatchOutcome(List.copyOf(failed), results, quarantined);
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
        if (!settings.tableKeys().containsKey(key.qualifiedTable())) {
            return null;
        }
        boolean byDms = removed.principal() != null && removed.principal().contains(settings.dmsWriterPrincipal().get());
        if (byDms) {
            LOG.info("DMS removed {} at {}: {} was truncated, dropped or is being reloaded", removed.key(), removed.at(), key.qualifiedTable());
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
