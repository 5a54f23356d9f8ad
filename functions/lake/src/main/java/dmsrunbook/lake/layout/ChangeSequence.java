package dmsrunbook.lake.layout;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The total order of a table's changes as one {@code long}, stored with every row the lake writes
 * ({@code dms_change_seq}). DMS gives the order only through file names and row positions, so the number is built
 * from them: full-load rows ({@code LOADxxxxxxxx}) come before every CDC row, ordered by the hex counter then the
 * row; CDC rows are ordered by the millisecond in the file's name, then the row. Because DMS writes a table's changes
 * in commit order, this is also the order of the commit timestamps ({@code TimestampColumnName}) when present.
 *
 * <pre>
 * full load: 0 | counter (28 bits) | row (34 bits)
 * CDC:       1 | milliseconds since 2020-01-01 UTC (40 bits, to 2054) | row (22 bits, 4,194,303 rows a file)
 * </pre>
 */
public final class ChangeSequence {

    public static final String COLUMN = "dms_change_seq";
    static final long CDC_FLAG = 1L << 62;
    static final int CDC_ROW_BITS = 22;
    static final int LOAD_ROW_BITS = 34;
    public static final long MAX_CDC_ROWS = (1L << CDC_ROW_BITS) - 1;
    public static final long MAX_LOAD_ROWS = (1L << LOAD_ROW_BITS) - 1;
    private static final long EPOCH_2020_MILLIS = LocalDateTime.of(2020, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    private ChangeSequence() {
    }

    /** The sequence number of the first row of full-load file number {@code counter}. */
    public static long ofFullLoad(long counter) {
        if (counter < 0 || counter >= (1L << 28)) {
            throw new IllegalArgumentException("full-load counter out of range: " + counter);
        }
        return counter << LOAD_ROW_BITS;
    }

    /** The sequence number of the first row of a CDC file written at {@code fileTime} (UTC). */
    public static long ofCdc(LocalDateTime fileTime) {
        long millis = fileTime.toInstant(ZoneOffset.UTC).toEpochMilli() - EPOCH_2020_MILLIS;
        if (millis < 0 || millis >= (1L << 40)) {
            throw new IllegalArgumentException("CDC file time out of range (2020..2054): " + fileTime);
        }
        return CDC_FLAG | (millis << CDC_ROW_BITS);
    }

    /** How many rows a file starting at {@code firstSeq} may hold before its numbers run into the next file's. */
    public static long maxRows(long firstSeq) {
        return (firstSeq & CDC_FLAG) != 0 ? MAX_CDC_ROWS : MAX_LOAD_ROWS;
    }
}
