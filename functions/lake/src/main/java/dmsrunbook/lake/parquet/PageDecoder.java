package dmsrunbook.lake.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes one flat column's pages a whole page at a time into primitive arrays: definition levels and dictionary
 * ids with a bulk RLE/bit-packing decoder, plain values straight from the page bytes. parquet-java's
 * {@code ColumnReader} does the same one value at a time with several calls per value, which made reading the
 * lake's bottleneck. Encodings other than PLAIN and dictionary (DELTA_*, BYTE_STREAM_SPLIT) go through
 * parquet-java's own {@link ValuesReader}, value by value.
 */
final class PageDecoder {

    private final ColumnDescriptor descriptor;
    private PageReader pages;
    private final int maxDefinition;
    private final ColumnValues page;
    private final int typeLength;
    private ColumnValues dictionary;
    private Dictionary parquetDictionary;
    private int position;
    private int[] levels = new int[0];
    private int[] ids = new int[0];
    private int[] valueRows = new int[0];
    private int[] identityRows = new int[0];
    // The page openNextPage() read: its value count, how many are not null, where its values are and how encoded.
    int openCount;
    int openDefined;
    byte[] openData;
    int openAt;
    int openEnd;
    Encoding openEncoding;
    // Whether the open page is a v1 page whose bytes from openPageStart to openEnd are its levels and values, as a
    // page of the same column written anew would hold them: it may then be copied whole.
    boolean openWhole;
    int openPageStart;

    PageDecoder(ColumnDescriptor descriptor) {
        this.descriptor = descriptor;
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.typeLength = descriptor.getPrimitiveType().getTypeLength();
        this.page = new ColumnValues(descriptor.getPrimitiveType().getPrimitiveTypeName(), 1024);
    }

    /** Starts the column chunk of the next row group (the decoder's buffers are kept, its dictionary is not). */
    void startChunk(PageReader chunkPages) throws IOException {
        this.pages = chunkPages;
        page.clear();
        position = 0;
        parquetDictionary = null;
        dictionary = null;
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        if (dictionaryPage != null) {
            parquetDictionary = dictionaryPage.getEncoding().initDictionary(descriptor, dictionaryPage);
            dictionary = new ColumnValues(descriptor.getPrimitiveType().getPrimitiveTypeName(), parquetDictionary.getMaxId() + 1);
            for (int id = 0; id <= parquetDictionary.getMaxId(); id++) {
                switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
                    case INT32 -> dictionary.addInt(parquetDictionary.decodeToInt(id));
                    case INT64 -> dictionary.addLong(parquetDictionary.decodeToLong(id));
                    case FLOAT -> {
                        dictionary.ensure(id + 1);
                        dictionary.floats[dictionary.size++] = parquetDictionary.decodeToFloat(id);
                    }
                    case DOUBLE -> {
                        dictionary.ensure(id + 1);
                        dictionary.doubles[dictionary.size++] = parquetDictionary.decodeToDouble(id);
                    }
                    case BOOLEAN -> {
                        dictionary.ensure(id + 1);
                        dictionary.booleans[dictionary.size++] = parquetDictionary.decodeToBoolean(id);
                    }
                    default -> dictionary.addBinary(parquetDictionary.decodeToBinary(id));
                }
            }
        }
    }

    /** Appends the chunk's remaining pages to {@code writer} (values copied as encoded where it can) and counts them. */
    long appendPages(ColumnChunkWriter writer) throws IOException {
        if (position != page.size()) {
            throw new IllegalStateException("column " + descriptor + ": a page was read in part, it cannot be copied");
        }
        return writer.appendPages(this);
    }

    /**
     * Consumes the next {@code n} values of the column and appends to {@code out} only those of rows
     * {@code rows[0..count)} (ascending offsets into the {@code n}), gathered straight from the encoded pages: a merge
     * that keeps a fifth of the rows decodes a fifth of the values. Not to be mixed with {@link #read} within a page.
     */
    void readSelected(ColumnValues out, int n, int[] rows, int count) throws IOException {
        if (position != page.size()) {
            throw new IllegalStateException("column " + descriptor + ": a page was decoded in part, it cannot be read selectively");
        }
        int done = 0;
        int k = 0;
        while (done < n) {
            if (!lazy || lazyRow == openCount) {
                if (!openNextPage()) {
                    throw new ParquetDecodingException("column " + descriptor + " ran out of pages before its rows did");
                }
                prepareLazyPage();
            }
            int take = Math.min(n - done, openCount - lazyRow);
            int first = k;
            while (k < count && rows[k] < done + take) {
                k++;
            }
            if (k > first) {
                gather(out, rows, first, k, lazyRow - done);
            }
            lazyRow += take;
            done += take;
        }
        if (k != count) {
            throw new IllegalArgumentException("selected rows past the " + n + " read");
        }
    }

    /** How the open page's values are found, for {@link #readSelected}. */
    private enum Lazy { FIXED, BINARY, BOOLEAN, DICTIONARY, DECODED }

    private boolean lazy;
    private int lazyRow;
    private Lazy lazyKind;
    private int[] valueIndex = new int[0];
    private int[] binaryOffsets = new int[0];
    private int binaryWalked;

    private void prepareLazyPage() throws IOException {
        lazy = true;
        lazyRow = 0;
        binaryWalked = 0;
        if (openDefined < openCount) {
            if (valueIndex.length < openCount) {
                valueIndex = new int[Math.max(openCount, valueIndex.length * 2)];
            }
            int v = 0;
            for (int i = 0; i < openCount; i++) {
                valueIndex[i] = v;
                if (levels[i] == maxDefinition) {
                    v++;
                }
            }
        }
        if (openEncoding.usesDictionary() && dictionary != null) {
            decodeOpenIds();
            lazyKind = Lazy.DICTIONARY;
        } else if (openEncoding == Encoding.PLAIN) {
            lazyKind = switch (page.type()) {
                case BINARY -> Lazy.BINARY;
                case BOOLEAN -> Lazy.BOOLEAN;
                default -> Lazy.FIXED;
            };
        } else {
            decodeOpenPage();
            // Kept whole in the page buffer for gathering; for read() it counts as consumed.
            position = page.size();
            lazyKind = Lazy.DECODED;
        }
    }

    /** Appends rows {@code rows[from..to)} (offsets shifted by {@code shift} into the open page) to {@code out}. */
    private void gather(ColumnValues out, int[] rows, int from, int to, int shift) {
        out.ensure(out.size + (to - from));
        boolean mayBeNull = openDefined < openCount;
        int width = switch (page.type()) {
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT96 -> 12;
            default -> typeLength;
        };
        for (int k = from; k < to; k++) {
            int row = rows[k] + shift;
            int at = out.size++;
            if (lazyKind == Lazy.DECODED) {
                out.size--;
                out.appendRange(page, row, 1);
                continue;
            }
            if (mayBeNull && levels[row] < maxDefinition) {
                out.nulls[at] = true;
                out.hasNulls = true;
                continue;
            }
            int v = mayBeNull ? valueIndex[row] : row;
            switch (lazyKind) {
                case DICTIONARY -> {
                    out.size--;
                    out.appendRange(dictionary, ids[v], 1);
                }
                case BOOLEAN -> out.booleans[at] = (openData[openAt + (v >>> 3)] & (1 << (v & 7))) != 0;
                case BINARY -> {
                    int offset = binaryOffset(v);
                    out.setBinary(at, openData, offset + 4, intLittleEndian(openData, offset));
                }
                default -> {
                    int offset = openAt + v * width;
                    switch (page.type()) {
                        case INT32 -> out.ints[at] = (int) INTS.get(openData, offset);
                        case INT64 -> out.longs[at] = (long) LONGS.get(openData, offset);
                        case FLOAT -> out.floats[at] = Float.intBitsToFloat((int) INTS.get(openData, offset));
                        case DOUBLE -> out.doubles[at] = Double.longBitsToDouble((long) LONGS.get(openData, offset));
                        default -> out.setBinary(at, openData, offset, width);
                    }
                }
            }
        }
    }

    /** Where PLAIN byte-array value {@code v} of the open page starts (its length prefix), walking as far as needed. */
    private int binaryOffset(int v) {
        if (binaryOffsets.length <= v) {
            binaryOffsets = java.util.Arrays.copyOf(binaryOffsets, Math.max(v + 1, Math.max(openDefined, binaryOffsets.length * 2)));
        }
        int offset = binaryWalked == 0 ? openAt : binaryOffsets[binaryWalked - 1] + 4 + intLittleEndian(openData, binaryOffsets[binaryWalked - 1]);
        while (binaryWalked <= v) {
            if (offset + 4 > openEnd) {
                throw new ParquetDecodingException("column " + descriptor + ": a PLAIN value runs past the end of its page");
            }
            binaryOffsets[binaryWalked++] = offset;
            offset += 4 + intLittleEndian(openData, offset);
        }
        return binaryOffsets[v];
    }

    private static final java.lang.invoke.VarHandle INTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Appends the next {@code n} values of the column to {@code out}. */
    void read(ColumnValues out, int n) throws IOException {
        if (lazy && lazyRow < openCount) {
            throw new IllegalStateException("column " + descriptor + ": a page was read selectively in part");
        }
        int done = 0;
        while (done < n) {
            if (position == page.size()) {
                decodeNextPage();
            }
            int take = Math.min(n - done, page.size() - position);
            out.appendRange(page, position, take);
            position += take;
            done += take;
        }
    }

    private void decodeNextPage() throws IOException {
        if (!openNextPage()) {
            throw new ParquetDecodingException("column " + descriptor + " ran out of pages before its rows did");
        }
        decodeOpenPage();
    }

    /**
     * Reads the next page of the chunk and decodes only its definition levels, locating its values
     * ({@link #openData}, {@link #openAt}, {@link #openEnd}, {@link #openEncoding}); false when the chunk has no more
     * pages. The values stay encoded until {@link #decodeOpenPage} (or a copy takes them as they are).
     */
    boolean openNextPage() throws IOException {
        DataPage next = pages.readPage();
        if (next == null) {
            return false;
        }
        page.clear();
        position = 0;
        lazy = false;
        int count = next.getValueCount();
        if (levels.length < count) {
            levels = new int[Math.max(count, levels.length * 2)];
        }
        byte[] data;
        int at;
        int end;
        Encoding encoding;
        long levelSum = count;
        openWhole = false;
        if (next instanceof DataPageV1 v1) {
            // Decode in place in the chunk's (or decompressed page's) array: no copy of the page.
            ByteBuffer bytes = v1.getBytes().toByteBuffer();
            if (bytes.hasArray()) {
                data = bytes.array();
                at = bytes.arrayOffset() + bytes.position();
                end = at + bytes.remaining();
            } else {
                data = v1.getBytes().toByteArray();
                at = 0;
                end = data.length;
            }
            openPageStart = at;
            if (maxDefinition > 0) {
                if (v1.getDlEncoding() != Encoding.RLE) {
                    throw new ParquetDecodingException("column " + descriptor + ": definition levels in " + v1.getDlEncoding()
                            + " are not supported (only RLE)");
                }
                int length = intLittleEndian(data, at);
                at += 4;
                levelSum = RleDecoder.decode(data, at, at + length, bitWidth(maxDefinition), levels, count);
                at += length;
            }
            encoding = v1.getValueEncoding();
            openWhole = true;
        } else {
            DataPageV2 v2 = (DataPageV2) next;
            if (maxDefinition > 0) {
                byte[] definition = v2.getDefinitionLevels().toByteArray();
                levelSum = RleDecoder.decode(definition, 0, definition.length, bitWidth(maxDefinition), levels, count);
            }
            data = v2.getData().toByteArray();
            at = 0;
            end = data.length;
            encoding = v2.getDataEncoding();
        }
        int defined = count;
        if (maxDefinition == 1) {
            defined = (int) levelSum;
        } else if (maxDefinition > 1) {
            defined = 0;
            for (int i = 0; i < count; i++) {
                if (levels[i] == maxDefinition) {
                    defined++;
                }
            }
        }
        openCount = count;
        openDefined = defined;
        openData = data;
        openAt = at;
        openEnd = end;
        openEncoding = encoding;
        return true;
    }

    /** Decodes the values of the page {@link #openNextPage} opened into {@link #page}. */
    void decodeOpenPage() throws IOException {
        int count = openCount;
        int defined = openDefined;
        page.ensure(count);
        if (openEncoding.usesDictionary()) {
            decodeDictionaryIds(count, defined);
        } else if (openEncoding == Encoding.PLAIN) {
            decodePlain(openData, openAt, count, defined);
        } else {
            decodeWithValuesReader(openEncoding, openData, openAt, openEnd, count, defined);
        }
        page.size = count;
        position = 0;
    }

    /** The decoded open page (after {@link #decodeOpenPage}). */
    ColumnValues decodedPage() {
        return page;
    }

    /** The open page's dictionary ids, one per defined value, decoded into {@link #ids()}. */
    void decodeOpenIds() {
        if (ids.length < openDefined) {
            ids = new int[Math.max(openDefined, ids.length * 2)];
        }
        if (openDefined > 0) {
            RleDecoder.decode(openData, openAt + 1, openEnd, openData[openAt] & 0xFF, ids, openDefined);
        }
    }

    int[] ids() {
        return ids;
    }

    /** Definition levels of the open page (valid up to {@link #openCount}); all defined when the column is required. */
    int[] levels() {
        return levels;
    }

    int maxDefinition() {
        return maxDefinition;
    }

    /** The chunk's dictionary values (null when the chunk has no dictionary page). */
    ColumnValues dictionary() {
        return dictionary;
    }

    private boolean isNull(int i) {
        return maxDefinition > 0 && levels[i] < maxDefinition;
    }

    private void markNull(int i) {
        page.nulls[i] = true;
        page.hasNulls = true;
    }

    private void decodeDictionaryIds(int count, int defined) {
        if (dictionary == null) {
            throw new ParquetDecodingException("column " + descriptor + " has dictionary-encoded pages but no dictionary page");
        }
        decodeOpenIds();
        int[] rows = valueRows(count, defined);
        // One loop per type: the type is the same for every value of the page.
        switch (page.type()) {
            case INT32 -> {
                for (int v = 0; v < defined; v++) {
                    page.ints[rows[v]] = dictionary.ints[ids[v]];
                }
            }
            case INT64 -> {
                for (int v = 0; v < defined; v++) {
                    page.longs[rows[v]] = dictionary.longs[ids[v]];
                }
            }
            case FLOAT -> {
                for (int v = 0; v < defined; v++) {
                    page.floats[rows[v]] = dictionary.floats[ids[v]];
                }
            }
            case DOUBLE -> {
                for (int v = 0; v < defined; v++) {
                    page.doubles[rows[v]] = dictionary.doubles[ids[v]];
                }
            }
            case BOOLEAN -> {
                for (int v = 0; v < defined; v++) {
                    page.booleans[rows[v]] = dictionary.booleans[ids[v]];
                }
            }
            default -> {
                for (int v = 0; v < defined; v++) {
                    page.copyBinary(rows[v], dictionary, ids[v]);
                }
            }
        }
    }

    /**
     * The row of each defined value of the page (marking the others null): the page's values hold only the
     * defined ones, in row order.
     */
    private int[] valueRows(int count, int defined) {
        if (defined == count) {
            // No nulls: value v is row v. The identity is built once and kept.
            if (identityRows.length < count) {
                identityRows = new int[Math.max(count, identityRows.length * 2)];
                for (int i = 0; i < identityRows.length; i++) {
                    identityRows[i] = i;
                }
            }
            return identityRows;
        }
        if (valueRows.length < count) {
            valueRows = new int[Math.max(count, valueRows.length * 2)];
        }
        int v = 0;
        for (int i = 0; i < count; i++) {
            if (levels[i] == maxDefinition) {
                valueRows[v++] = i;
            } else {
                page.nulls[i] = true;
                page.hasNulls = true;
            }
        }
        return valueRows;
    }

    private void decodePlain(byte[] data, int at, int count, int defined) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int[] rows = valueRows(count, defined);
        switch (page.type()) {
            case INT32 -> {
                for (int v = 0; v < defined; v++, at += 4) {
                    page.ints[rows[v]] = buffer.getInt(at);
                }
            }
            case INT64 -> {
                for (int v = 0; v < defined; v++, at += 8) {
                    page.longs[rows[v]] = buffer.getLong(at);
                }
            }
            case FLOAT -> {
                for (int v = 0; v < defined; v++, at += 4) {
                    page.floats[rows[v]] = buffer.getFloat(at);
                }
            }
            case DOUBLE -> {
                for (int v = 0; v < defined; v++, at += 8) {
                    page.doubles[rows[v]] = buffer.getDouble(at);
                }
            }
            case BOOLEAN -> {
                for (int v = 0; v < defined; v++) {
                    page.booleans[rows[v]] = (data[at + (v >>> 3)] & (1 << (v & 7))) != 0;
                }
            }
            case BINARY -> {
                for (int v = 0; v < defined; v++) {
                    int length = buffer.getInt(at);
                    page.setBinary(rows[v], data, at + 4, length);
                    at += 4 + length;
                }
            }
            case INT96 -> {
                for (int v = 0; v < defined; v++, at += 12) {
                    page.setBinary(rows[v], data, at, 12);
                }
            }
            case FIXED_LEN_BYTE_ARRAY -> {
                for (int v = 0; v < defined; v++, at += typeLength) {
                    page.setBinary(rows[v], data, at, typeLength);
                }
            }
        }
    }

    private void decodeWithValuesReader(Encoding encoding, byte[] data, int at, int end, int count, int defined) throws IOException {
        ValuesReader reader = parquetDictionary != null && encoding.usesDictionary()
                ? encoding.getDictionaryBasedValuesReader(descriptor, ValuesType.VALUES, parquetDictionary)
                : encoding.getValuesReader(descriptor, ValuesType.VALUES);
        reader.initFromPage(defined, ByteBufferInputStream.wrap(ByteBuffer.wrap(data, at, end - at)));
        for (int i = 0; i < count; i++) {
            if (isNull(i)) {
                markNull(i);
                continue;
            }
            switch (page.type()) {
                case INT32 -> page.ints[i] = reader.readInteger();
                case INT64 -> page.longs[i] = reader.readLong();
                case FLOAT -> page.floats[i] = reader.readFloat();
                case DOUBLE -> page.doubles[i] = reader.readDouble();
                case BOOLEAN -> page.booleans[i] = reader.readBoolean();
                default -> page.setBinary(i, reader.readBytes().copy());
            }
        }
    }

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    static int intLittleEndian(byte[] data, int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16 | (data[at + 3] & 0xFF) << 24;
    }
}
