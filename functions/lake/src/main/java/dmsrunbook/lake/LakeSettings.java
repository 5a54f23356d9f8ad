package dmsrunbook.lake;

import dmsrunbook.lake.layout.DatePartitioning;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.layout.LakePaths;
import dmsrunbook.lake.layout.TableName;
import dmsrunbook.lake.parquet.WriterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The lake function's settings, from its environment (names below, defaults in brackets). Problems are reported all
 * at once, naming the variable and the fix, before any S3 call.
 *
 * <ul>
 * <li>{@code LAKE_BUCKET}: the DMS target bucket; the lake writes under {@code LAKE_PREFIX} in it</li>
 * <li>{@code DMS_FOLDER}: the DMS endpoint's BucketFolder [empty]</li>
 * <li>{@code DMS_DATE_PARTITION_SEQUENCE} [NONE], {@code DMS_DATE_PARTITION_DELIMITER} [SLASH]</li>
 * <li>{@code LAKE_TABLES}: {@code schema.table:key[,key...]} separated by {@code ;}, e.g.
 *     {@code public.orders:id;public.order_lines:order_id,line_no}; a name holding a dot in double quotes,
 *     {@code "my.schema".orders:id} ({@link LakeTableList})</li>
 * <li>{@code LAKE_PREFIX} [lake/], {@code LAKE_QUARANTINE_PREFIX} [quarantine/]</li>
 * <li>{@code LAKE_GLUE_DATABASE}: Glue database for the tables</li>
 * <li>{@code LAKE_ALERT_TOPIC_ARN}: SNS topic for quarantine alerts [none: log only]</li>
 * <li>{@code LAKE_TARGET_FILE_MB} [128], {@code LAKE_ROW_GROUP_MB} [32], {@code LAKE_COMPRESSION} [SNAPPY]</li>
 * <li>{@code LAKE_STATE_BUCKETS} [1], {@code LAKE_MERGE_FAN_IN} [10]: small files of a partition merged at once</li>
 * <li>{@code LAKE_GARBAGE_GRACE_MINUTES} [15]: how long replaced files stay for queries already running</li>
 * <li>{@code LAKE_ROUND_INPUT_MB} [1024]: DMS input one round takes in; a round needs about twice that in
 *     {@code /tmp} (inputs and compacted changes) plus merged small files and the touched state buckets
 *     ({@code COMMIT-PROTOCOL.md}, "Rounds")</li>
 * <li>{@code LAKE_WORK_DIR} [java.io.tmpdir]: where rounds download and write</li>
 * <li>{@code DMS_WRITER_PRINCIPAL} [none]: the principal (IAM role id) DMS writes the target with; S3 removals it makes
 *     are DMS clearing a table's folder (a source TRUNCATE or DROP, or a reload), and the lake keeps one DMS file per
 *     table so that clearing is always seen. Empty: removals are ignored.</li>
 * <li>{@code LAKE_QUEUE_URL} [none]: the lake's own queue (the one its notifications arrive on); files a batch has
 *     no time left for are handed on there ({@code COMMIT-PROTOCOL.md}, "Rounds"). Empty: their messages return to
 *     the queue, each return counting towards its {@code maxReceiveCount}.</li>
 * </ul>
 * Kept without a variable: consumed files and tombstones at least 15 days (longer than SQS keeps a message), a sweep
 * every 6 hours, unreferenced files swept after an hour.
 */
public record LakeSettings(String bucket, DmsLayout dms, LakePaths paths, Map<TableName, List<String>> tableKeys, String glueDatabase,
                           Optional<String> alertTopicArn, long targetFileBytes, WriterSettings writer, int stateBuckets,
                           int mergeFanIn, Duration garbageGrace, Duration consumedRetention, Duration sweepEvery,
                           Duration sweepMinAge, long roundInputBytes, Path workDir, Optional<String> dmsWriterPrincipal,
                           Optional<String> queueUrl) {

    public LakeSettings {
        tableKeys = Map.copyOf(tableKeys);
    }

    /** These settings with another per-round input budget (tests use budgets below a megabyte). */
    public LakeSettings withRoundInputBytes(long bytes) {
        return new LakeSettings(bucket, dms, paths, tableKeys, glueDatabase, alertTopicArn, targetFileBytes, writer, stateBuckets, mergeFanIn,
                garbageGrace, consumedRetention, sweepEvery, sweepMinAge, bytes, workDir, dmsWriterPrincipal, queueUrl);
    }

    public static LakeSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static LakeSettings from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String bucket = env.getOrDefault("LAKE_BUCKET", "");
        if (bucket.isBlank()) {
            problems.add("LAKE_BUCKET is not set -> set it to the DMS target bucket's name");
        }
        DatePartitioning partitioning = DatePartitioning.NONE;
        try {
            partitioning = new DatePartitioning(env.get("DMS_DATE_PARTITION_SEQUENCE"), env.get("DMS_DATE_PARTITION_DELIMITER"));
        } catch (IllegalArgumentException e) {
            problems.add("DMS_DATE_PARTITION_*: " + e.getMessage());
        }
        LakeTableList.Parsed tables = LakeTableList.parse(env.getOrDefault("LAKE_TABLES", ""));
        problems.addAll(tables.problems());
        String glueDatabase = env.getOrDefault("LAKE_GLUE_DATABASE", "");
        if (glueDatabase.isBlank()) {
            problems.add("LAKE_GLUE_DATABASE is not set -> set it to the Glue database the lake's tables go in");
        }
        CompressionCodecName codec = CompressionCodecName.SNAPPY;
        try {
            codec = CompressionCodecName.valueOf(env.getOrDefault("LAKE_COMPRESSION", "SNAPPY").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("LAKE_COMPRESSION must be SNAPPY, ZSTD, GZIP or UNCOMPRESSED");
        }
        long targetMb = positive(env, "LAKE_TARGET_FILE_MB", 128, problems);
        long rowGroupMb = positive(env, "LAKE_ROW_GROUP_MB", 32, problems);
        int buckets = (int) positive(env, "LAKE_STATE_BUCKETS", 1, problems);
        int fanIn = (int) positive(env, "LAKE_MERGE_FAN_IN", 10, problems);
        long graceMinutes = nonNegative(env, "LAKE_GARBAGE_GRACE_MINUTES", 15, problems);
        long roundMb = positive(env, "LAKE_ROUND_INPUT_MB", 1024, problems);
        String workDir = env.getOrDefault("LAKE_WORK_DIR", "");
        if (!problems.isEmpty()) {
            throw new InvalidLakeSettingsException(problems);
        }
        return new LakeSettings(bucket, new DmsLayout(env.getOrDefault("DMS_FOLDER", ""), partitioning),
                new LakePaths(env.get("LAKE_PREFIX"), env.get("LAKE_QUARANTINE_PREFIX")), tables.tables(), glueDatabase,
                Optional.ofNullable(env.get("LAKE_ALERT_TOPIC_ARN")).filter(s -> !s.isBlank()), targetMb << 20,
                WriterSettings.defaults().withCodec(codec).withRowGroupBytes(rowGroupMb << 20), buckets, fanIn,
                Duration.ofMinutes(graceMinutes), Duration.ofDays(15), Duration.ofHours(6), Duration.ofHours(1), roundMb << 20,
                Path.of(workDir.isBlank() ? System.getProperty("java.io.tmpdir") : workDir),
                Optional.ofNullable(env.get("DMS_WRITER_PRINCIPAL")).map(String::trim).filter(s -> !s.isEmpty()),
                Optional.ofNullable(env.get("LAKE_QUEUE_URL")).map(String::trim).filter(s -> !s.isEmpty()));
    }

    private static long positive(Map<String, String> env, String name, long fallback, List<String> problems) {
        long value = nonNegative(env, name, fallback, problems);
        if (value == 0) {
            problems.add(name + " must be greater than 0");
        }
        return value;
    }

    private static long nonNegative(Map<String, String> env, String name, long fallback, List<String> problems) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                problems.add(name + " is " + value + " -> use a number of 0 or more");
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + " is '" + text + "', not a whole number");
            return fallback;
        }
    }
}
