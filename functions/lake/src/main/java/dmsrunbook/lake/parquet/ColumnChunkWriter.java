package dmsrunbook.lake.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Encodes one flat column of one row group into Parquet data pages (v1) in bulk, handing finished pages to
 * parquet-java's page store (which compresses them and builds the column and offset indexes). Definition levels are
 * RLE runs (a page without nulls is one run), values are PLAIN, or dictionary ids bit-packed in one run while the
 * dictionary stays under its size limit (then PLAIN for the rest of the chunk, as parquet-java does). Page
 * statistics come from a min/max loop per page. parquet-java's ColumnWriter does the same value by value through
 * several layers, which made writing the lake's bottleneck.
 */
final class ColumnChunkWriter {

    private static final int PAGE_ROW_LIMIT = 20_000;
    /** Values a first dictionary page needs before its share of distinct values decides against the dictionary. */
    private static final int MIN_DICTIONARY_EVIDENCE = 256;

    private final PrimitiveType type;
    private final PrimitiveTypeName physical;
    private PageWriter pages;
    private boolean useDictionary;
    private final int maxDefinition;
    private final int pageBytes;
    private final int dictionaryBytesLimit;
    private final boolean unsignedBytesOrder;
    // Decimals of up to 8 bytes are ordered as the long they encode: far cheaper than comparing byte arrays.
    private final boolean decimalAsLong;
    private final ByteSink values;
    private final ByteSink levels;
    private boolean[] nulls = new boolean[1024];
    private int[] ids = new int[1024];
    private int pageRows;
    private int pageNulls;
    private Dictionary dictionary;
    private boolean dictionaryActive;
    // Page min/max, as values of the physical type.
    private long minLong;
    private long maxLong;
    private double minDouble;
    private double maxDouble;
    private byte[] minBytes;
    private byte[] maxBytes;
    // The first two big-endian words of minBytes and maxBytes (zero-padded), for quick string compares.
    private long minWord0;
    private long minWord1;
    private long maxWord0;
    private long maxWord1;
    private boolean hasMinMax;
    private boolean fallBack;
    private ColumnValues listed;
    // Counts finished pages: marks which dictionary entries already went into the open page's statistics.
    private int pageSerial;

    ColumnChunkWriter(ColumnDescriptor descriptor, PageWriter pages, boolean useDictionary, int pageBytes) {
        this.type = descriptor.getPrimitiveType();
        this.physical = type.getPrimitiveTypeName();
        this.pages = pages;
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.pageBytes = pageBytes;
        this.dictionaryBytesLimit = pageBytes;
        // Small to start: sinks grow to what the column needs and are kept from row group to row group.
        this.values = new ByteSink(Math.min(pageBytes, 64 << 10));
        this.levels = new ByteSink(Math.min(pageBytes, 64 << 10));
        this.useDictionary = useDictionary && physical != PrimitiveTypeName.BOOLEAN && physical != PrimitiveTypeName.INT96;
        this.dictionaryActive = this.useDictionary;
        this.dictionary = dictionaryActive ? new Dictionary(physical, type.getTypeLength()) : null;
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        // Parquet orders strings and plain binaries unsigned byte by byte; decimals as signed numbers.
        this.unsignedBytesOrder = !(logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) && physical != PrimitiveTypeName.INT96;
        this.decimalAsLong = logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
                && physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY && type.getTypeLength() <= 8;
    }

    /** Starts the next row group's chunk of this column (after {@link #finish}), keeping the buffers. */
    void restart(PageWriter nextPages) {
        if (pageRows != 0) {
            throw new IllegalStateException("column " + type.getName() + " restarted with a page open");
        }
        pages = nextPages;
        dictionaryActive = useDictionary;
        dictionary = dictionaryActive ? new Dictionary(physical, type.getTypeLength()) : null;
    }

    /** Appends rows {@code from..to-1} of {@code source}. */
    void write(ColumnValues source, int from, int to) throws IOException {
        if (physical == PrimitiveTypeName.INT64 && !source.hasNulls && !dictionaryActive) {
            // The common wide case (keys, timestamps, the change sequence): no nulls, no dictionary, one tight loop.
            long[] longs = source.longs;
            int r = from;
            while (r < to) {
                ensurePageArrays();
                int stop = Math.min(to, r + Math.min(64, nulls.length - pageRows));
                for (; r < stop; r++) {
                    long value = longs[r];
                    values.putLong(value);
                    longStats(value);
                    nulls[pageRows++] = false;
                }
                finishPageIfFull();
            }
            return;
        }
        if (!dictionaryActive && (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.DOUBLE
                || physical == PrimitiveTypeName.BINARY)) {
            writePlainRange(source, from, to);
            return;
        }
        for (int r = from; r < to; r++) {
            append(source, r);
        }
    }

    /** PLAIN values of one type in one loop, nulls and statistics inline. */
    private void writePlainRange(ColumnValues source, int from, int to) throws IOException {
        int r = from;
        boolean mayBeNull = source.hasNulls;
        while (r < to) {
            ensurePageArrays();
            int stop = Math.min(to, r + Math.min(64, nulls.length - pageRows));
            switch (physical) {
                case INT32 -> {
                    int[] ints = source.ints;
                    for (; r < stop; r++) {
                        if (mayBeNull && source.nulls[r]) {
                            nulls[pageRows++] = true;
                            pageNulls++;
                            continue;
                        }
                        values.putInt(ints[r]);
                        longStats(ints[r]);
                        nulls[pageRows++] = false;
                    }
                }
                case DOUBLE -> {
                    double[] doubles = source.doubles;
                    for (; r < stop; r++) {
                        if (mayBeNull && source.nulls[r]) {
                            nulls[pageRows++] = true;
                            pageNulls++;
                            continue;
                        }
                        values.putLong(Double.doubleToRawLongBits(doubles[r]));
                        doubleStats(doubles[r]);
                        nulls[pageRows++] = false;
                    }
                }
                default -> {
                    for (; r < stop; r++) {
                        if (mayBeNull && source.nulls[r]) {
                            nulls[pageRows++] = true;
                            pageNulls++;
                            continue;
                        }
                        int length = source.lengths[r];
                        values.putInt(length);
                        values.putBytes(source.bytes[r], source.offsets[r], length);
                        bytesStats(source, r);
                        nulls[pageRows++] = false;
                    }
                }
            }
            finishPageIfFull();
        }
    }

    /** Appends the listed rows of {@code source}. */
    void write(ColumnValues source, int[] rows, int count) throws IOException {
        if (dictionaryActive) {
            for (int i = 0; i < count; i++) {
                append(source, rows[i]);
            }
            return;
        }
        // Gathered first, then written by the typed loops of a contiguous range.
        if (listed == null) {
            listed = new ColumnValues(physical, count);
        }
        listed.clear();
        listed.appendRows(source, rows, count);
        write(listed, 0, count);
    }

    /**
     * Appends every remaining page of {@code source}'s column chunk (after {@code startChunk}) and returns its value
     * count. Values are taken as they are encoded wherever this chunk's encoding allows: PLAIN values are copied byte
     * for byte (statistics from one loop over those bytes), dictionary ids are renumbered into this chunk's dictionary
     * (each input dictionary entry looked up once). Anything else (booleans, other encodings, dictionary ids into a
     * PLAIN chunk, PLAIN values into a dictionary chunk) is decoded and written value by value.
     */
    long appendPages(PageDecoder source) throws IOException {
        long count = 0;
        Renumbering renumbering = null;
        while (source.openNextPage()) {
            count += source.openCount;
            if (source.openEncoding == Encoding.PLAIN && !dictionaryActive && standsAlone(source)) {
                if (pageRows > 0) {
                    writePage();
                }
                passPage(source);
            } else if (source.openEncoding == Encoding.PLAIN && !dictionaryActive) {
                copyPlainPage(source);
            } else if (source.openEncoding.usesDictionary() && dictionaryActive && source.dictionary() != null) {
                if (renumbering == null) {
                    renumbering = new Renumbering(source.dictionary().size());
                }
                copyDictionaryPage(source, renumbering);
            } else {
                source.decodeOpenPage();
                write(source.decodedPage(), 0, source.openCount);
            }
        }
        return count;
    }

    private static final java.lang.invoke.VarHandle INTS_LITTLE_ENDIAN =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONGS_LITTLE_ENDIAN =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Whether the open source page is big enough to be a page of its own (half the page row limit or size) and does
     * not fit in the open page: it is then copied whole. Smaller pages are gathered into pages of a useful size.
     */
    private boolean standsAlone(PageDecoder source) {
        int count = source.openCount;
        int bytes = source.openEnd - source.openAt;
        boolean big = count >= PAGE_ROW_LIMIT / 2 || bytes >= pageBytes / 2;
        boolean fits = pageRows + count <= PAGE_ROW_LIMIT && values.size() + bytes <= pageBytes;
        return big && (pageRows == 0 || !fits) && source.openWhole && source.maxDefinition() == maxDefinition;
    }

    /**
     * A page big enough to stand alone, copied whole (levels and values as they are: only compressed anew), with
     * statistics from its values.
     */
    private void passPage(PageDecoder source) throws IOException {
        int count = source.openCount;
        int defined = source.openDefined;
        int end = plainValuesEnd(source);
        if (defined > 0) {
            plainStats(source.openData, source.openAt, end, defined);
        }
        pageRows = count;
        pageNulls = count - defined;
        pages.writePage(BytesInput.from(source.openData, source.openPageStart, source.openEnd - source.openPageStart), count, count,
                pageStatistics(), Encoding.BIT_PACKED, maxDefinition > 0 ? Encoding.RLE : Encoding.BIT_PACKED, Encoding.PLAIN);
        endPage();
    }

    /** A small page's PLAIN values appended to the open page (booleans shifted into place), statistics inline. */
    private void copyPlainPage(PageDecoder source) throws IOException {
        int count = source.openCount;
        int defined = source.openDefined;
        byte[] data = source.openData;
        int at = source.openAt;
        int end = plainValuesEnd(source);
        if (pageRows > 0 && (pageRows + count > PAGE_ROW_LIMIT || values.size() + (end - at) > pageBytes)) {
            writePage();
        }
        takeLevels(source, count);
        if (physical == PrimitiveTypeName.BOOLEAN) {
            appendBits(data, at, defined, pageRows - pageNulls);
        } else {
            values.putBytes(data, at, end - at);
        }
        if (defined > 0) {
            plainStats(data, at, end, defined);
        }
        pageRows += count;
        pageNulls += count - defined;
        finishPageIfFull();
    }

    /** Where the open page's {@code openDefined} PLAIN values end, checked against the page's bytes. */
    private int plainValuesEnd(PageDecoder source) {
        int defined = source.openDefined;
        long bits = switch (physical) {
            case BOOLEAN -> 1;
            case INT32, FLOAT -> 32;
            case INT64, DOUBLE -> 64;
            case INT96 -> 96;
            case FIXED_LEN_BYTE_ARRAY -> 8L * type.getTypeLength();
            default -> -1;
        };
        if (bits < 0) {
            return source.openEnd;
        }
        long bytes = (defined * bits + 7) / 8;
        if (bytes > source.openEnd - source.openAt) {
            // Not the page its header says: never copy what cannot be PLAIN values.
            throw new org.apache.parquet.io.ParquetDecodingException("column " + type.getName() + ": a PLAIN page of "
                    + defined + " values holds only " + (source.openEnd - source.openAt) + " bytes");
        }
        return source.openAt + (int) bytes;
    }

    /** Appends {@code count} bit-packed booleans from {@code data[at..]} after the {@code already} the page holds. */
    private void appendBits(byte[] data, int at, int count, int already) {
        int shift = already & 7;
        int bytes = (count + 7) / 8;
        if (shift == 0) {
            values.putBytes(data, at, bytes);
            int tail = count & 7;
            if (tail != 0) {
                // Bits past the last value must be zero: the next append ORs into this byte.
                byte[] out = values.array();
                out[values.size() - 1] &= (byte) ((1 << tail) - 1);
            }
            return;
        }
        values.ensure(bytes + 1);
        byte[] out = values.array();
        int last = values.size() - 1;
        int carry = out[last] & ((1 << shift) - 1);
        int size = last;
        int remaining = count;
        for (int i = 0; i < bytes; i++) {
            int in = data[at + i] & 0xFF;
            if (remaining < 8) {
                in &= (1 << remaining) - 1;
            }
            int merged = carry | (in << shift);
            out[size++] = (byte) merged;
            carry = merged >>> 8;
            remaining -= 8;
        }
        if (shift + count - 8 * bytes > 0) {
            out[size++] = (byte) carry;
        }
        values.setSize(size);
    }

    /**
     * Statistics of {@code defined} PLAIN values in {@code data[at..end)}: one small method per type, so that a column
     * of a new type does not send the compiled loop of the others back to the interpreter.
     */
    private void plainStats(byte[] data, int at, int end, int defined) {
        switch (physical) {
            case INT32 -> intStats(data, at, end);
            case INT64 -> longStats(data, at, end);
            case FLOAT -> floatStats(data, at, end);
            case DOUBLE -> doubleStats(data, at, end);
            case BINARY -> binaryStats(data, at, end, defined);
            case BOOLEAN -> booleanStats(data, at, defined);
            default -> fixedStats(data, at, end, physical == PrimitiveTypeName.INT96 ? 12 : type.getTypeLength());
        }
    }

    private void intStats(byte[] data, int at, int end) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int p = at; p < end; p += 4) {
            int value = (int) INTS_LITTLE_ENDIAN.get(data, p);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        longStats(min);
        longStats(max);
    }

    private void longStats(byte[] data, int at, int end) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int p = at; p < end; p += 8) {
            long value = (long) LONGS_LITTLE_ENDIAN.get(data, p);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        longStats(min);
        longStats(max);
    }

    private void floatStats(byte[] data, int at, int end) {
        for (int p = at; p < end; p += 4) {
            doubleStats(Float.intBitsToFloat((int) INTS_LITTLE_ENDIAN.get(data, p)));
        }
    }

    private void doubleStats(byte[] data, int at, int end) {
        for (int p = at; p < end; p += 8) {
            doubleStats(Double.longBitsToDouble((long) LONGS_LITTLE_ENDIAN.get(data, p)));
        }
    }

    private void binaryStats(byte[] data, int at, int end, int defined) {
        int p = at;
        for (int v = 0; v < defined; v++) {
            int length = (int) INTS_LITTLE_ENDIAN.get(data, p);
            if (length < 0 || p + 4 + length > end) {
                throw new org.apache.parquet.io.ParquetDecodingException("column " + type.getName()
                        + ": a PLAIN value runs past the end of its page");
            }
            bytesStats(data, p + 4, length);
            p += 4 + length;
        }
    }

    private void booleanStats(byte[] data, int at, int defined) {
        boolean anyTrue = false;
        boolean anyFalse = false;
        int full = defined / 8;
        for (int i = 0; i < full && !(anyTrue && anyFalse); i++) {
            int bits = data[at + i] & 0xFF;
            anyTrue |= bits != 0;
            anyFalse |= bits != 0xFF;
        }
        int tail = defined & 7;
        if (tail != 0) {
            int mask = (1 << tail) - 1;
            int bits = data[at + full] & mask;
            anyTrue |= bits != 0;
            anyFalse |= bits != mask;
        }
        if (anyFalse) {
            longStats(0);
        }
        if (anyTrue) {
            longStats(1);
        }
    }

    private void fixedStats(byte[] data, int at, int end, int width) {
        for (int p = at; p < end; p += width) {
            bytesStats(data, p, width);
        }
    }

    private void copyDictionaryPage(PageDecoder source, Renumbering renumbering) throws IOException {
        int count = source.openCount;
        int defined = source.openDefined;
        if (pageRows > 0 && pageRows + count > PAGE_ROW_LIMIT) {
            writePage();
        }
        takeLevels(source, count);
        source.decodeOpenIds();
        int[] in = source.ids();
        ColumnValues inputDictionary = source.dictionary();
        int[] toOurs = renumbering.ids;
        int[] seen = renumbering.seenInPage;
        int base = pageRows - pageNulls;
        for (int v = 0; v < defined; v++) {
            int id = in[v];
            if (id < 0 || id >= toOurs.length) {
                throw new org.apache.parquet.io.ParquetDecodingException("column " + type.getName() + ": dictionary id " + id
                        + " past the chunk's " + toOurs.length + " entries");
            }
            int ours = toOurs[id];
            if (ours < 0) {
                ours = dictionary.idOf(inputDictionary, id);
                toOurs[id] = ours;
            }
            // Statistics once per distinct value of the page, not once per row.
            if (seen[id] != pageSerial) {
                seen[id] = pageSerial;
                updateStats(inputDictionary, id);
            }
            ids[base + v] = ours;
        }
        pageRows += count;
        pageNulls += count - defined;
        finishPageIfFull();
    }

    /** The open page's nulls for the next {@code count} rows, from the source page's definition levels. */
    private void takeLevels(PageDecoder source, int count) {
        int needed = pageRows + count;
        if (needed > nulls.length) {
            int capacity = Math.max(needed, nulls.length * 2);
            nulls = Arrays.copyOf(nulls, capacity);
            ids = Arrays.copyOf(ids, capacity);
        }
        if (source.maxDefinition() == 0 || source.openDefined == count) {
            Arrays.fill(nulls, pageRows, needed, false);
            return;
        }
        int[] levels = source.levels();
        int defined = source.maxDefinition();
        for (int i = 0; i < count; i++) {
            nulls[pageRows + i] = levels[i] < defined;
        }
    }

    /** An input chunk's dictionary ids in this chunk's dictionary (-1: not looked up yet), and per-page stats marks. */
    private static final class Renumbering {
        final int[] ids;
        final int[] seenInPage;

        Renumbering(int size) {
            ids = new int[size];
            Arrays.fill(ids, -1);
            seenInPage = new int[size];
            Arrays.fill(seenInPage, -1);
        }
    }

    void writeNulls(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            ensurePageArrays();
            nulls[pageRows++] = true;
            pageNulls++;
            if ((pageRows & 63) == 0) {
                finishPageIfFull();
            }
        }
    }

    /** Bytes this column holds for the open row group (pages handed over plus the open page). */
    long bufferedBytes() {
        return pages.getMemSize() + values.size() + (dictionary == null ? 0 : dictionary.bytes.size());
    }

    /** Ends the row group's column chunk: the open page, then the dictionary page if any page used it. */
    void finish() throws IOException {
        if (pageRows > 0) {
            writePage();
        }
        if (dictionary != null && dictionary.usedByPages) {
            pages.writeDictionaryPage(new DictionaryPage(BytesInput.from(Arrays.copyOf(dictionary.bytes.array(), dictionary.bytes.size())),
                    dictionary.size, Encoding.PLAIN_DICTIONARY));
        }
    }

    private void append(ColumnValues source, int r) throws IOException {
        ensurePageArrays();
        if (source.isNull(r)) {
            nulls[pageRows++] = true;
            pageNulls++;
            if ((pageRows & 63) == 0) {
                finishPageIfFull();
            }
            return;
        }
        nulls[pageRows] = false;
        if (dictionaryActive) {
            ids[pageRows - pageNulls] = dictionary.idOf(source, r);
        } else {
            plain(source, r);
        }
        updateStats(source, r);
        pageRows++;
        if ((pageRows & 63) == 0) {
            finishPageIfFull();
        }
    }

    private void plain(ColumnValues source, int r) {
        switch (physical) {
            case INT32 -> values.putInt(source.ints[r]);
            case INT64 -> values.putLong(source.longs[r]);
            case FLOAT -> values.putInt(Float.floatToRawIntBits(source.floats[r]));
            case DOUBLE -> values.putLong(Double.doubleToRawLongBits(source.doubles[r]));
            case BOOLEAN -> {
                int bit = pageRows - pageNulls;
                if ((bit & 7) == 0) {
                    values.putByte(0);
                }
                if (source.booleans[r]) {
                    values.array()[values.size() - 1] |= (byte) (1 << (bit & 7));
                }
            }
            case BINARY -> {
                values.putInt(source.lengths[r]);
                values.putBytes(source.bytes[r], source.offsets[r], source.lengths[r]);
            }
            default -> values.putBytes(source.bytes[r], source.offsets[r], source.lengths[r]);
        }
    }

    private void updateStats(ColumnValues source, int r) {
        switch (physical) {
            case INT32 -> longStats(source.ints[r]);
            case INT64 -> longStats(source.longs[r]);
            case FLOAT -> doubleStats(source.floats[r]);
            case DOUBLE -> doubleStats(source.doubles[r]);
            case BOOLEAN -> longStats(source.booleans[r] ? 1 : 0);
            default -> bytesStats(source, r);
        }
    }

    private void longStats(long value) {
        if (!hasMinMax) {
            minLong = value;
            maxLong = value;
            hasMinMax = true;
        } else if (value < minLong) {
            minLong = value;
        } else if (value > maxLong) {
            maxLong = value;
        }
    }

    private void doubleStats(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (!hasMinMax) {
            minDouble = value;
            maxDouble = value;
            hasMinMax = true;
        } else if (Double.compare(value, minDouble) < 0) {
            minDouble = value;
        } else if (Double.compare(value, maxDouble) > 0) {
            maxDouble = value;
        }
    }

    private void bytesStats(ColumnValues source, int r) {
        bytesStats(source.bytes[r], source.offsets[r], source.lengths[r]);
    }

    private void bytesStats(byte[] array, int offset, int length) {
        if (decimalAsLong) {
            long value = array[offset];
            for (int i = 1; i < length; i++) {
                value = value << 8 | (array[offset + i] & 0xFF);
            }
            longStats(value);
            return;
        }
        if (!hasMinMax) {
            setMin(array, offset, length);
            setMax(array, offset, length);
            hasMinMax = true;
            return;
        }
        if (!unsignedBytesOrder) {
            if (compare(array, offset, length, minBytes) < 0) {
                setMin(array, offset, length);
            } else if (compare(array, offset, length, maxBytes) > 0) {
                setMax(array, offset, length);
            }
            return;
        }
        // Strings: most values lie strictly between the page's min and max, which their first 16 bytes show without
        // a byte-by-byte compare.
        long word0 = word(array, offset, length, 0);
        if (Long.compareUnsigned(word0, minWord0) > 0 && Long.compareUnsigned(word0, maxWord0) < 0) {
            return;
        }
        long word1 = word(array, offset, length, 8);
        int toMin = compareWords(word0, word1, minWord0, minWord1);
        if (toMin < 0 || toMin == 0 && compareUnsigned(array, offset, length, minBytes) < 0) {
            setMin(array, offset, length);
            return;
        }
        int toMax = compareWords(word0, word1, maxWord0, maxWord1);
        if (toMax > 0 || toMax == 0 && compareUnsigned(array, offset, length, maxBytes) > 0) {
            setMax(array, offset, length);
        }
    }

    private void setMin(byte[] array, int offset, int length) {
        minBytes = Arrays.copyOfRange(array, offset, offset + length);
        minWord0 = word(minBytes, 0, length, 0);
        minWord1 = word(minBytes, 0, length, 8);
    }

    private void setMax(byte[] array, int offset, int length) {
        maxBytes = Arrays.copyOfRange(array, offset, offset + length);
        maxWord0 = word(maxBytes, 0, length, 0);
        maxWord1 = word(maxBytes, 0, length, 8);
    }

    /**
     * Bytes {@code from..from+7} of a value, big-endian, zero past its end. Zero is the smallest byte, so when two
     * values' words differ, the words order the values as an unsigned byte-by-byte compare would.
     */
    static long word(byte[] array, int offset, int length, int from) {
        int n = length - from;
        if (n <= 0) {
            return 0;
        }
        int at = offset + from;
        if (n >= 8) {
            return (long) LONGS_BIG_ENDIAN.get(array, at);
        }
        if (at + 8 <= array.length) {
            return (long) LONGS_BIG_ENDIAN.get(array, at) & (-1L << (8 * (8 - n)));
        }
        long word = 0;
        for (int i = 0; i < n; i++) {
            word |= (long) (array[at + i] & 0xFF) << (8 * (7 - i));
        }
        return word;
    }

    /** Orders two values by their first two words; 0 when those are equal and only the rest can tell. */
    private static int compareWords(long a0, long a1, long b0, long b1) {
        if (a0 != b0) {
            return Long.compareUnsigned(a0, b0);
        }
        if (a1 != b1) {
            return Long.compareUnsigned(a1, b1);
        }
        return 0;
    }

    private int compare(byte[] array, int offset, int length, byte[] other) {
        if (unsignedBytesOrder) {
            return compareUnsigned(array, offset, length, other);
        }
        if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY && length == other.length && length > 0) {
            // Two's-complement big-endian of equal width: the first byte signed, the rest unsigned.
            if (array[offset] != other[0]) {
                return Byte.compare(array[offset], other[0]);
            }
            return Arrays.compareUnsigned(array, offset + 1, offset + length, other, 1, length);
        }
        return type.comparator().compare(org.apache.parquet.io.api.Binary.fromConstantByteArray(array, offset, length),
                org.apache.parquet.io.api.Binary.fromConstantByteArray(other));
    }

    private static final java.lang.invoke.VarHandle LONGS_BIG_ENDIAN =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Unsigned lexicographic order, eight bytes at a time: page statistics compare every string value with the
     * page's min and max, and short strings sharing a prefix made the JDK's general compare the encoder's hot spot.
     */
    static int compareUnsigned(byte[] array, int offset, int length, byte[] other) {
        int common = Math.min(length, other.length);
        int i = 0;
        for (; i + 8 <= common; i += 8) {
            long a = (long) LONGS_BIG_ENDIAN.get(array, offset + i);
            long b = (long) LONGS_BIG_ENDIAN.get(other, i);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        for (; i < common; i++) {
            int a = array[offset + i] & 0xFF;
            int b = other[i] & 0xFF;
            if (a != b) {
                return a - b;
            }
        }
        return length - other.length;
    }

    private void ensurePageArrays() {
        if (pageRows == nulls.length) {
            nulls = Arrays.copyOf(nulls, nulls.length * 2);
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
    }

    private void finishPageIfFull() throws IOException {
        boolean dictionaryFull = dictionaryActive && dictionary.bytes.size() > dictionaryBytesLimit;
        if (pageRows >= PAGE_ROW_LIMIT || values.size() >= pageBytes || dictionaryFull
                || dictionaryActive && (pageRows - pageNulls) * 4L >= pageBytes) {
            writePage();
            if (dictionaryFull) {
                // Too many distinct values to be worth a dictionary: PLAIN from here on, like parquet-java.
                dictionaryActive = false;
            }
        }
    }

    private void writePage() throws IOException {
        int defined = pageRows - pageNulls;
        levels.clear();
        if (maxDefinition > 0 && (pageNulls == 0 || pageNulls == pageRows)) {
            // One run for the whole page: no need to look at every row.
            levels.putInt(0);
            levels.putVarInt(pageRows << 1);
            levels.putByte(pageNulls == 0 ? 1 : 0);
            int length = levels.size() - 4;
            byte[] array = levels.array();
            array[0] = (byte) length;
            array[1] = (byte) (length >>> 8);
            array[2] = (byte) (length >>> 16);
            array[3] = (byte) (length >>> 24);
        } else if (maxDefinition > 0) {
            levels.putInt(0);
            int start = levels.size();
            int at = 0;
            while (at < pageRows) {
                boolean isNull = nulls[at];
                int run = 1;
                while (at + run < pageRows && nulls[at + run] == isNull) {
                    run++;
                }
                levels.putVarInt(run << 1);
                levels.putByte(isNull ? 0 : 1);
                at += run;
            }
            int length = levels.size() - start;
            byte[] array = levels.array();
            array[0] = (byte) length;
            array[1] = (byte) (length >>> 8);
            array[2] = (byte) (length >>> 16);
            array[3] = (byte) (length >>> 24);
        }
        Encoding encoding;
        if (dictionaryActive) {
            encoding = Encoding.PLAIN_DICTIONARY;
            if (!dictionary.usedByPages && defined >= MIN_DICTIONARY_EVIDENCE && dictionary.size * 2L > defined) {
                // The chunk's first page: most of its values are distinct, so a dictionary costs more than it saves
                // (parquet-java makes the same check). PLAIN from the next page on, and for this column's later chunks.
                fallBack = true;
            }
            dictionary.usedByPages = true;
            values.clear();
            int width = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, dictionary.size - 1)));
            values.putByte(width);
            if (defined > 0) {
                int groups = (defined + 7) / 8;
                values.putVarInt(groups << 1 | 1);
                bitPack(ids, defined, groups, width);
            }
        } else {
            encoding = Encoding.PLAIN;
        }
        // One contiguous page (levels then values) the page store compresses and copies before returning.
        levels.putBytes(values.array(), 0, values.size());
        BytesInput page = BytesInput.from(levels.array(), 0, levels.size());
        pages.writePage(page, pageRows, pageRows, pageStatistics(), Encoding.BIT_PACKED,
                maxDefinition > 0 ? Encoding.RLE : Encoding.BIT_PACKED, encoding);
        values.clear();
        endPage();
        if (fallBack) {
            fallBack = false;
            dictionaryActive = false;
            useDictionary = false;
        }
    }

    private Statistics<?> pageStatistics() {
        Statistics<?> statistics = Statistics.createStats(type);
        statistics.setNumNulls(pageNulls);
        if (hasMinMax) {
            statistics.setMinMaxFromBytes(statBytes(true), statBytes(false));
        }
        return statistics;
    }

    private void endPage() {
        pageRows = 0;
        pageNulls = 0;
        hasMinMax = false;
        pageSerial++;
    }

    private byte[] statBytes(boolean min) {
        ByteSink sink = new ByteSink(8);
        switch (physical) {
            case INT32 -> sink.putInt((int) (min ? minLong : maxLong));
            case INT64 -> sink.putLong(min ? minLong : maxLong);
            case FLOAT -> sink.putInt(Float.floatToIntBits((float) (min ? minDouble : maxDouble)));
            case DOUBLE -> sink.putLong(Double.doubleToLongBits(min ? minDouble : maxDouble));
            case BOOLEAN -> sink.putByte((int) (min ? minLong : maxLong));
            default -> {
                if (decimalAsLong) {
                    long value = min ? minLong : maxLong;
                    byte[] fixed = new byte[type.getTypeLength()];
                    for (int i = fixed.length - 1; i >= 0; i--, value >>= 8) {
                        fixed[i] = (byte) value;
                    }
                    return fixed;
                }
                return min ? minBytes : maxBytes;
            }
        }
        return Arrays.copyOf(sink.array(), sink.size());
    }

    /** Packs {@code count} ids, {@code width} bits each, least significant bit first, padded to {@code groups} of 8. */
    private void bitPack(int[] source, int count, int groups, int width) {
        values.ensure(groups * width);
        byte[] out = values.array();
        int at = values.size();
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i < groups * 8; i++) {
            long id = i < count ? source[i] : 0;
            buffer |= id << bits;
            bits += width;
            while (bits >= 8) {
                out[at++] = (byte) buffer;
                buffer >>>= 8;
                bits -= 8;
            }
        }
        values.setSize(at);
    }

    /** A column chunk's dictionary: distinct values in first-seen order, as a PLAIN dictionary page. */
    private static final class Dictionary {
        final PrimitiveTypeName physical;
        final int typeLength;
        final ByteSink bytes = new ByteSink(1 << 16);
        int size;
        boolean usedByPages;
        private int[] table = new int[1 << 12];
        private long[] keys = new long[1 << 12];
        private int[] offsets = new int[1 << 12];
        private int mask = table.length - 1;

        Dictionary(PrimitiveTypeName physical, int typeLength) {
            this.physical = physical;
            this.typeLength = typeLength;
            Arrays.fill(table, -1);
        }

        int idOf(ColumnValues source, int r) {
            return switch (physical) {
                case INT32 -> idOfNumber(source.ints[r], 4);
                case INT64 -> idOfNumber(source.longs[r], 8);
                case FLOAT -> idOfNumber(Float.floatToRawIntBits(source.floats[r]), 4);
                case DOUBLE -> idOfNumber(Double.doubleToRawLongBits(source.doubles[r]), 8);
                default -> idOfBytes(source.bytes[r], source.offsets[r], source.lengths[r]);
            };
        }

        private int idOfNumber(long key, int width) {
            long h = key * 0x9E3779B97F4A7C15L;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (table[slot] >= 0) {
                if (keys[table[slot]] == key) {
                    return table[slot];
                }
                slot = (slot + 1) & mask;
            }
            int id = add(slot);
            keys[id] = key;
            if (width == 4) {
                bytes.putInt((int) key);
            } else {
                bytes.putLong(key);
            }
            return id;
        }

        private int idOfBytes(byte[] array, int offset, int length) {
            if (length <= 7) {
                return idOfShortBytes(array, offset, length);
            }
            int h = 1;
            for (int i = offset; i < offset + length; i++) {
                h = 31 * h + array[i];
            }
            int slot = (h ^ (h >>> 16)) * 0x9E3779B9 & mask;
            byte[] stored = bytes.array();
            while (table[slot] >= 0) {
                int id = table[slot];
                int at = offsets[id];
                int storedLength = physical == PrimitiveTypeName.BINARY ? PageDecoder.intLittleEndian(stored, at) : length;
                int start = physical == PrimitiveTypeName.BINARY ? at + 4 : at;
                if (storedLength == length && Arrays.equals(stored, start, start + length, array, offset, offset + length)) {
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            int id = add(slot);
            offsets[id] = bytes.size();
            if (physical == PrimitiveTypeName.BINARY) {
                bytes.putInt(length);
            }
            bytes.putBytes(array, offset, length);
            return id;
        }

        // Codes like Op's I/U/D: the bytes and the length packed in a long, found without comparing arrays.
        private long[] shortKeys = new long[16];
        private int[] shortIds = new int[16];
        private int shortCount;

        private int idOfShortBytes(byte[] array, int offset, int length) {
            long key = (long) length << 56;
            for (int i = 0; i < length; i++) {
                key |= (long) (array[offset + i] & 0xFF) << (8 * i);
            }
            int mask = shortKeys.length - 1;
            long h = key * 0x9E3779B97F4A7C15L;
            int slot = (int) (h >>> 40) & mask;
            while (shortIds[slot] != 0) {
                if (shortKeys[slot] == key) {
                    return shortIds[slot] - 1;
                }
                slot = (slot + 1) & mask;
            }
            int id = size++;
            if (id + 1 >= keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[id] = bytes.size();
            if (physical == PrimitiveTypeName.BINARY) {
                bytes.putInt(length);
            }
            bytes.putBytes(array, offset, length);
            shortKeys[slot] = key;
            shortIds[slot] = id + 1;
            if (++shortCount * 2 > shortKeys.length) {
                long[] oldKeys = shortKeys;
                int[] oldIds = shortIds;
                shortKeys = new long[oldKeys.length * 2];
                shortIds = new int[oldIds.length * 2];
                int newMask = shortKeys.length - 1;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldIds[i] != 0) {
                        long rehash = oldKeys[i] * 0x9E3779B97F4A7C15L;
                        int at = (int) (rehash >>> 40) & newMask;
                        while (shortIds[at] != 0) {
                            at = (at + 1) & newMask;
                        }
                        shortKeys[at] = oldKeys[i];
                        shortIds[at] = oldIds[i];
                    }
                }
            }
            return id;
        }

        private int add(int slot) {
            int id = size++;
            table[slot] = id;
            if (id + 1 >= keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            if (size * 2 > table.length) {
                rehash();
            }
            return id;
        }

        private void rehash() {
            int[] old = table;
            table = new int[old.length * 2];
            Arrays.fill(table, -1);
            mask = table.length - 1;
            byte[] stored = bytes.array();
            for (int id : old) {
                if (id < 0) {
                    continue;
                }
                int slot;
                if (physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                        || physical == PrimitiveTypeName.INT96) {
                    int at = offsets[id];
                    int length = physical == PrimitiveTypeName.BINARY ? PageDecoder.intLittleEndian(stored, at) : typeLength;
                    int start = physical == PrimitiveTypeName.BINARY ? at + 4 : at;
                    int h = 1;
                    for (int i = start; i < start + length; i++) {
                        h = 31 * h + stored[i];
                    }
                    slot = (h ^ (h >>> 16)) * 0x9E3779B9 & mask;
                } else {
                    long h = keys[id] * 0x9E3779B97F4A7C15L;
                    slot = (int) (h ^ (h >>> 32)) & mask;
                }
                while (table[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = id;
            }
        }
    }
}
