package dmsrunbook.lake.layout;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where DMS puts a table's files on its S3 target: {@code <BucketFolder>/<schema>/<table>/[date folder/]<file>.parquet},
 * full-load files named {@code LOAD} + 8 hex digits, CDC files by time ({@code yyyyMMdd-HHmmss} + fraction digits).
 * Parses a key into a {@link DmsObjectKey}, or says precisely why it is not one (DMS CSV output, {@code .csv} or
 * {@code .csv.gz}, is named as such, with the endpoint setting that fixes it).
 *
 * @param folder      DMS {@code BucketFolder} (no leading or trailing slash; empty when DMS writes at the root)
 * @param partitioning the endpoint's date partitioning
 */
public record DmsLayout(String folder, DatePartitioning partitioning) {

    private static final Pattern LOAD = Pattern.compile("LOAD([0-9A-Fa-f]{8})\\.parquet");
    private static final Pattern CDC = Pattern.compile("(\\d{8})-(\\d{6})(\\d*)\\.parquet");

    public DmsLayout {
        folder = folder == null ? "" : folder.replaceAll("^/+|/+$", "");
        partitioning = partitioning == null ? DatePartitioning.NONE : partitioning;
    }

    /** The key prefix under which DMS writes ({@code folder/}, or empty). */
    public String prefix() {
        return folder.isEmpty() ? "" : folder + "/";
    }

    /** Parses a DMS key; throws {@link UnrecognisedObjectException} naming what does not fit. */
    public DmsObjectKey parse(String key) {
        if (!key.startsWith(prefix())) {
            throw new UnrecognisedObjectException(key, "it is not under the DMS folder '" + prefix() + "'");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            throw new UnrecognisedObjectException(key, "it is DMS CSV output, and the lake reads only Parquet: set DataFormat "
                    + "parquet on the DMS S3 target endpoint (ModifyEndpoint S3Settings {\"DataFormat\": \"parquet\"}), then reload "
                    + "the tables (reload-target)");
        }
        String[] segments = key.substring(prefix().length()).split("/");
        int dateSegments = partitioning.segments();
        if (segments.length != 3 + dateSegments && !(dateSegments > 0 && segments.length == 3)) {
            throw new UnrecognisedObjectException(key, "expected <schema>/<table>/" + (dateSegments > 0 ? "<date folder>/" : "")
                    + "<file>.parquet under '" + prefix() + "' (DatePartitionSequence " + partitioning.sequence()
                    + ", delimiter " + partitioning.delimiter() + ")");
        }
        String schema = segments[0];
        String table = segments[1];
        String fileName = segments[segments.length - 1];
        String folderPartition = null;
        if (segments.length > 3) {
            String dateFolder = String.join("/", java.util.Arrays.copyOfRange(segments, 2, segments.length - 1));
            folderPartition = partitioning.partitionOf(dateFolder);
            if (folderPartition == null) {
                throw new UnrecognisedObjectException(key, "the date folder '" + dateFolder + "' does not match DatePartitionSequence "
                        + partitioning.sequence());
            }
        }
        Matcher load = LOAD.matcher(fileName);
        if (load.matches()) {
            long counter = Long.parseLong(load.group(1), 16);
            if (counter > ChangeSequence.MAX_LOAD_COUNTER) {
                throw new UnrecognisedObjectException(key, "its LOAD counter " + counter + " is above the " + ChangeSequence.MAX_LOAD_COUNTER
                        + " full-load files the lake numbers per load (raise the endpoint's MaxFileSize)");
            }
            return new DmsObjectKey(key, schema, table, folderPartition == null ? "full-load" : folderPartition, fileName,
                    DmsFileKind.FULL_LOAD, ChangeSequence.ofFullLoad(counter));
        }
        Matcher cdc = CDC.matcher(fileName);
        if (cdc.matches()) {
            LocalDateTime time = cdcTime(key, cdc);
            String partition = folderPartition != null ? folderPartition : time.toLocalDate().toString();
            return new DmsObjectKey(key, schema, table, partition, fileName, DmsFileKind.CDC, ChangeSequence.ofCdc(time));
        }
        throw new UnrecognisedObjectException(key, "the file name is neither LOAD<8 hex digits>.parquet nor "
                + "<yyyyMMdd>-<HHmmss><fraction>.parquet (is the endpoint's DataFormat parquet?)");
    }

    private static LocalDateTime cdcTime(String key, Matcher cdc) {
        String date = cdc.group(1);
        String time = cdc.group(2);
        String fraction = (cdc.group(3) + "000").substring(0, 3);
        try {
            return LocalDateTime.of(Integer.parseInt(date.substring(0, 4)), Integer.parseInt(date.substring(4, 6)),
                    Integer.parseInt(date.substring(6, 8)), Integer.parseInt(time.substring(0, 2)),
                    Integer.parseInt(time.substring(2, 4)), Integer.parseInt(time.substring(4, 6)),
                    Integer.parseInt(fraction) * 1_000_000);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new UnrecognisedObjectException(key, "the CDC file name is not a valid time: " + e.getMessage());
        }
    }

}
