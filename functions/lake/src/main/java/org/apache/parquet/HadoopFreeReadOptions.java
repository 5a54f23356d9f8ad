package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Builds {@link ParquetReadOptions} without Hadoop. Every public way to build them goes through a builder whose
 * constructor calls {@code ParquetInputFormat.getFilter}, which loads Hadoop MapReduce's {@code FileInputFormat}
 * (absent from the lake jar); the options' own constructor is package-private, hence this class in parquet's package.
 * No filters, no bloom filters, heap buffers, the given codecs.
 */
public final class HadoopFreeReadOptions {

    private static final int MAX_ALLOCATION_BYTES = 8 << 20;

    private HadoopFreeReadOptions() {
    }

    public static ParquetReadOptions with(CompressionCodecFactory codecs) {
        return with(codecs, new HeapByteBufferAllocator());
    }

    /** The same, reading into buffers from {@code allocator} (heap buffers only). */
    public static ParquetReadOptions with(CompressionCodecFactory codecs, ByteBufferAllocator allocator) {
        return new ParquetReadOptions(false, false, false, false, false, false, false, false, false,
                FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, codecs, allocator,
                MAX_ALLOCATION_BYTES, new HashMap<>(), null, null, new PlainParquetConfiguration());
    }
}
