package dmsrunbook.lake.layout;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The total order of a table's changes as one {@code long}, stored with every row the lake writes
 * ({@code dms_change_seq}). DMS gives the order only through file names and row positions, so the number is built
 * from them: full-load rows ({@code LOADxxxxxxxx}) come before every CDC row, ordered by the table epoch they load
 * (a reload starts the counter at 1 again), the hex counter, then the row; CDC rows are ordered by the millisecond in
 * the file's name, then the row. Because DMS writes a table's changes in commit order, this is also the order of the
 * commit timestamps ({@code TimestampColumnName}) when present. The order holds within one epoch; epochs themselves
 * are ordered by the table's manifest, which the current state follows.
 *
 * <pre>
 * full load: 0 | epoch - 1 (10 bits) | counter (18 bits, 262,143 files a load) | row (34 bits)
 * CDC:       1 | milliseconds since 2020-01-01 UTC (40 bits, to 2054) | row (22 bits, 4,194,303 rows a file)
 * </pre>
 * Full-load numbers written before epochs existed have epoch bits 0, which is epoch 1.
 */
public final class ChangeSequence {

    public static final String COLUMN = "dms_change_seq";
    static final long CDC_FLAG = 1L << 62;
    static final int CDC_ROW_BITS = 22;
    static final int LOAD_ROW_BITS = 34;
    static final int LOAD_COUNTER_BITS = 18;
    /** The highest {@code LOAD} counter the lake can number (DMS starts at 1 and counts up per full load). */
    public static final int MAX_LOAD_COUNTER = (1 << LOAD_COUNTER_BITS) - 1;
    /** The highest table epoch (1 + reloads and truncates) the lake can number. */
    public static final int MAX_EPOCH = 1 << 10;
    public static final long MAX_CDC_ROWS = (1L << CDC_ROW_BITS) - 1;
    public static final long MAX_LOAD_ROWS = (1L << LOAD_ROW_BITS) - 1;
    private static final long EPOCH_2020_MILLIS = LocalDateTime.of(2020, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    private ChangeSequence() {
    }

    /** The sequence number of the first row of full-load file number {@code counter} of the table's first epoch. */
    public static long ofFullLoad(long counter) {
        return ofFullLoad(1, counter);
    }

    /** The sequence number of the first row of full-load file number {@code counter} loading table epoch {@code epoch}. */
    public static long ofFullLoad(int epoch, long counter) {
        if (counter < 0 || counter > MAX_LOAD_COUNTER) {
            throw new IllegalArgumentException("full-load counter out of range (0.." + MAX_LOAD_COUNTER + "): " + counter);
        }
        if (epoch < 1 || epoch > MAX_EPOCH) {
            throw new IllegalArgumentException("table epoch out of range (1.." + MAX_EPOCH + "): " + epoch);
        }
        return ((long) (epoch - 1) << (LOAD_COUNTER_BITS + LOAD_ROW_BITS)) | (counter << LOAD_ROW_BITS);
    }

    /** Whether {@code seq} numbers a full-load row. */
    public static boolean isFullLoad(long seq) {
        return (seq & CDC_FLAG) == 0;
    }

    /** The {@code LOAD} counter of the file a full-load number belongs to. */
    public static int loadCounter(long seq) {
        return (int) ((seq >>> LOAD_ROW_BITS) & MAX_LOAD_COUNTER);
    }

    /** The sequence number of the first row of a CDC file written at {@code fileTime} (UTC). */
    public static long ofCdc(LocalDateTime fileTime) {
        long millis = fileTime.toInstant(ZoneOffset.UTC).toEpochMilli() - EPOCH_2020_MILLIS;
        if (millis < 0 || millis >= (1L << 40)) {
            throw new IllegalArgumentException("CDC file time out of range (2020..2054): " + fileTime);
        }
        return CDC_FLAG | (millis << CDC_ROW_BITS);
    }

    /**
     * The smallest CDC number of a file DMS writes at {@code epochMillis} or later: every change numbered below it
     * was written before that moment (full-load numbers are below every CDC number).
     */
    public static long ofCdcMillis(long epochMillis) {
        long millis = Math.max(0, Math.min(epochMillis - EPOCH_2020_MILLIS, (1L << 40) - 1));
        return CDC_FLAG | (millis << CDC_ROW_BITS);
    }

    /** How many rows a file starting at {@code firstSeq} may hold before its numbers run into the next file's. */
    public static long maxRows(long firstSeq) {
        return (firstSeq & CDC_FLAG) != 0 ? MAX_CDC_ROWS : MAX_LOAD_ROWS;
    }
}
