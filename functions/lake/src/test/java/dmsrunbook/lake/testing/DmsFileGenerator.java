package dmsrunbook.lake.testing;

import dmsrunbook.lake.testing.SourceColumn.PgType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes a source table's full load and changes exactly as DMS writes them to S3 as Parquet: {@code LOAD} files
 * (hex counter, no {@code Op}), then CDC files named by time with {@code Op} (I/U/D; D carries the before image)
 * first, optional date folders and commit-timestamp column ({@code TimestampColumnName}: a REQUIRED UTF-8 string
 * {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, whatever {@code ParquetTimestampInMillisecond} says), NOT NULL columns
 * REQUIRED, decimals in the fewest bytes their precision needs, Parquet 1.0 or 2.0, micro- or millisecond timestamp
 * columns, row groups of {@code RowGroupLength} rows. Written with parquet-java's own record writer, not the lake's, so the
 * lake is tested against an independent writer. Tracks the source table's final contents for exact comparison.
 */
public final class DmsFileGenerator {

    private static final LocalDateTime LOAD_TIME = LocalDateTime.of(2026, 11, 20, 23, 50, 0);
    private static final LocalDateTime FIRST_CDC_TIME = LocalDateTime.of(2026, 11, 20, 23, 57, 0);
    /** DMS's commit-timestamp column: always microseconds, as text. */
    public static final DateTimeFormatter COMMIT_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final DmsEndpointShape shape;
    private final SourceTable table;
    private final boolean trackContents;

    /** {@code trackContents} false keeps no row images in memory (for benchmark-size runs). */
    public DmsFileGenerator(DmsEndpointShape shape, SourceTable table, boolean trackContents) {
        this.shape = shape;
        this.table = table;
        this.trackContents = trackContents;
    }

    /**
     * What was generated.
     *
     * @param files    every file, in the order DMS would write them
     * @param contents the source table's final contents by key (empty when not tracked)
     * @param changes  CDC rows written
     */
    public record Generated(List<GeneratedFile> files, Map<Long, Object[]> contents, long changes) {

        public long bytes() {
            return files.stream().mapToLong(f -> {
                try {
                    return Files.size(f.file());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    public Generated generate(DmsWorkload workload, Path dir) throws IOException {
        DmsReplication replication = replicate(workload.seed(), dir);
        List<GeneratedFile> files = new ArrayList<>(replication.fullLoad(workload.loadRows(), workload.loadRowsPerFile()));
        files.addAll(replication.changes(workload));
        return new Generated(files, trackContents ? replication.contents() : Map.of(), replication.changeRows());
    }

    /** A source table DMS replicates step by step (load, changes, reload, truncate), from seed {@code seed}. */
    public DmsReplication replicate(long seed, Path dir) {
        return new DmsReplication(this, new Random(seed), dir, trackContents, LOAD_TIME, FIRST_CDC_TIME);
    }

    /** Writes one CDC file by hand (ops I/U/D with row images in the table's column order) at {@code time}. */
    public GeneratedFile writeCdc(Path dir, LocalDateTime time, List<String> ops, List<Object[]> images) throws IOException {
        String name = String.format("%04d%02d%02d-%02d%02d%02d%03d0.parquet", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond(), time.getNano() / 1_000_000);
        return write(dir, folderFor(time) + name, ops, images, time);
    }

    /** The time of the last CDC file {@code generate} writes for {@code workload} is before this. */
    public static LocalDateTime after(DmsWorkload workload) {
        return FIRST_CDC_TIME.plusSeconds(61L * (workload.cdcFiles() + 2));
    }

    /** The Parquet schema DMS writes for the table: {@code Op} first in CDC files, then the timestamp column if set. */
    public MessageType fileSchema(boolean cdc) {
        List<Type> fields = new ArrayList<>();
        if (cdc) {
            fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("Op"));
        }
        if (shape.timestampColumnName() != null) {
            fields.add(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(shape.timestampColumnName()));
        }
        for (SourceColumn column : table.columns()) {
            Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            fields.add(switch (column.type()) {
                case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
                case INTEGER -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(32, true)).named(column.name());
                case SMALLINT -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true)).named(column.name());
                case TEXT -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(column.name());
                case NUMERIC_12_2, NUMERIC_38_4 -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                        .length(decimalBytes(precision(column.type()))).as(LogicalTypeAnnotation.decimalType(scale(column.type()),
                                precision(column.type()))).named(column.name());
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
                case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
                case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition).as(LogicalTypeAnnotation.timestampType(false,
                        shape.timestampMillis() ? LogicalTypeAnnotation.TimeUnit.MILLIS : LogicalTypeAnnotation.TimeUnit.MICROS)).named(column.name());
                case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(column.name());
            });
        }
        return new MessageType("schema", fields);
    }

    private static int precision(PgType type) {
        return type == PgType.NUMERIC_38_4 ? 38 : 12;
    }

    private static int scale(PgType type) {
        return type == PgType.NUMERIC_38_4 ? 4 : 2;
    }

    /** The fewest bytes of a two's complement integer that hold every number of {@code precision} digits. */
    static int decimalBytes(int precision) {
        return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
    }

    String folderFor(LocalDateTime time) {
        String base = (shape.folder().isEmpty() ? "" : shape.folder() + "/") + table.schema() + "/" + table.table() + "/";
        if (!shape.partitioning().enabled()) {
            return base;
        }
        return base + shape.partitioning().folderFor(time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour()) + "/";
    }

    GeneratedFile write(Path dir, String key, List<String> ops, List<Object[]> images, LocalDateTime time) throws IOException {
        Path file = dir.resolve(key);
        Files.createDirectories(file.getParent());
        MessageType schema = fileSchema(ops != null);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, schema, shape.version(), shape.compression())
                .withRowGroupRowCountLimit(shape.rowGroupRows())
                .withDictionaryEncoding(true)
                .build()) {
            for (int i = 0; i < images.size(); i++) {
                SimpleGroup group = new SimpleGroup(schema);
                int field = 0;
                if (ops != null) {
                    group.add(field++, Binary.fromString(ops.get(i)));
                }
                if (shape.timestampColumnName() != null) {
                    group.add(field++, Binary.fromString(COMMIT_TIMESTAMP.format(time)));
                }
                Object[] row = images.get(i);
                for (int c = 0; c < row.length; c++, field++) {
                    if (row[c] != null) {
                        addValue(group, field, table.columns().get(c).type(), row[c]);
                    }
                }
                writer.write(group);
            }
        }
        return new GeneratedFile(key, file, images.size());
    }

    private void addValue(SimpleGroup group, int field, PgType type, Object value) {
        switch (type) {
            case BIGINT -> group.add(field, (Long) value);
            case INTEGER, SMALLINT -> group.add(field, (Integer) value);
            case TEXT -> group.add(field, Binary.fromString((String) value));
            case NUMERIC_12_2, NUMERIC_38_4 -> group.add(field, Binary.fromConstantByteArray(decimalBytes((BigDecimal) value,
                    decimalBytes(precision(type)))));
            case DOUBLE -> group.add(field, (Double) value);
            case BOOLEAN -> group.add(field, (Boolean) value);
            case TIMESTAMP -> group.add(field, timestampValue((LocalDateTime) value));
            case DATE -> group.add(field, (int) ((LocalDate) value).toEpochDay());
        }
    }

    private long timestampValue(LocalDateTime time) {
        long micros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), time);
        return shape.timestampMillis() ? Math.floorDiv(micros, 1000) : micros;
    }

    private static byte[] decimalBytes(BigDecimal value, int width) {
        byte[] unscaled = value.unscaledValue().toByteArray();
        byte[] fixed = new byte[width];
        byte pad = (byte) (unscaled[0] < 0 ? 0xFF : 0);
        java.util.Arrays.fill(fixed, pad);
        System.arraycopy(unscaled, 0, fixed, width - unscaled.length, unscaled.length);
        return fixed;
    }

    static BigDecimal decimalOf(byte[] bytes, int scale) {
        return new BigDecimal(new BigInteger(bytes), scale);
    }

    Object[] randomRow(long id, Random random) {
        Object[] row = new Object[table.columns().size()];
        for (int c = 0; c < row.length; c++) {
            SourceColumn column = table.columns().get(c);
            if (c == 0) {
                row[c] = column.type() == PgType.INTEGER ? (Object) (int) id : (Object) id;
                continue;
            }
            if (c < table.keyColumns()) {
                row[c] = column.type() == PgType.TEXT ? column.name() + "-" + id : (Object) (id * 31 + c);
                continue;
            }
            if (column.nullable() && random.nextInt(10) < 3) {
                row[c] = null;
                continue;
            }
            row[c] = switch (column.type()) {
                case BIGINT -> random.nextLong();
                case INTEGER -> random.nextInt(1000);
                case SMALLINT -> random.nextInt(1 << 16) + Short.MIN_VALUE;
                case TEXT -> column.name() + "-" + random.nextInt(100_000);
                case NUMERIC_12_2 -> BigDecimal.valueOf(random.nextInt(100_000_000) - 10_000_000, 2);
                // Up to 31 digits: wider than a long, as numeric(38,4) values can be.
                case NUMERIC_38_4 -> new BigDecimal(new BigInteger(100, random).subtract(BigInteger.ONE.shiftLeft(99)), 4);
                case DOUBLE -> random.nextInt(1_000_000) / 100.0;
                case BOOLEAN -> random.nextBoolean();
                case TIMESTAMP -> {
                    LocalDateTime t = LOAD_TIME.minusSeconds(random.nextInt(100_000_000)).plusNanos(random.nextInt(1_000_000) * 1000L);
                    yield shape.timestampMillis() ? t.truncatedTo(ChronoUnit.MILLIS) : t;
                }
                case DATE -> LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000));
            };
        }
        return row;
    }


    /** Live keys with O(1) add, remove and random pick. */
    static final class LiveKeys {
        private final List<Long> keys = new ArrayList<>();
        private final Map<Long, Integer> index = new HashMap<>();

        void add(long id) {
            index.put(id, keys.size());
            keys.add(id);
        }

        boolean contains(long id) {
            return index.containsKey(id);
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }

        long random(Random random) {
            return keys.get(random.nextInt(keys.size()));
        }

        void remove(long id) {
            int at = index.remove(id);
            long last = keys.remove(keys.size() - 1);
            if (last != id) {
                keys.set(at, last);
                index.put(last, at);
            }
        }
    }
}
