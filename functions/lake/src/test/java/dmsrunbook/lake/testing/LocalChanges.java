package dmsrunbook.lake.testing;

import dmsrunbook.lake.compaction.ChangeCompactor;
import dmsrunbook.lake.compaction.ChangeInput;
import dmsrunbook.lake.compaction.CompactedFile;
import dmsrunbook.lake.compaction.DmsChangeInputs;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.WriterSettings;
import dmsrunbook.lake.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Runs the lake's compaction on local generated files, without S3: what the unit tests and the benchmark share. */
public final class LocalChanges {

    private LocalChanges() {
    }

    /** The table's columns as the lake derives them from the generated files (the widest schema). */
    public static TableSchema schemaOf(List<GeneratedFile> files) throws IOException {
        TableSchema schema = null;
        for (GeneratedFile file : files) {
            TableSchema incoming = TableSchema.fromDmsFile(ParquetBatchReader.readSchema(file.file()));
            schema = schema == null ? incoming : schema.compare(incoming).evolved();
        }
        return schema;
    }

    public static List<ChangeInput> inputs(DmsLayout layout, List<GeneratedFile> files, TableSchema schema) {
        List<ChangeInput> inputs = new ArrayList<>();
        for (GeneratedFile file : files) {
            inputs.add(DmsChangeInputs.of(layout.parse(file.key()), file.file(), schema.changes()));
        }
        return inputs;
    }

    public static List<CompactedFile> compact(DmsLayout layout, List<GeneratedFile> files, TableSchema schema, Path out,
                                              WriterSettings settings, long targetBytes) throws IOException {
        return new ChangeCompactor(settings, targetBytes).compact(inputs(layout, files, schema), schema.changes(),
                () -> out.resolve("part-" + UUID.randomUUID() + ".parquet"));
    }
}
