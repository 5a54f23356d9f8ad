package dmsrunbook.lake.state;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.parquet.ParquetBatchWriter;
import dmsrunbook.lake.parquet.RowBatch;
import dmsrunbook.lake.parquet.WriterSettings;
import dmsrunbook.lake.testing.LakeRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TombstonePrunerTest {

    private static final MessageType TOMBSTONES = MessageTypeParser.parseMessageType(
            "message tombstones { optional int64 id; required int64 dms_change_seq; }");

    @TempDir
    Path dir;

    @Test
    void tombstonesBelowTheCutoff_areDropped_theOthersKeptAsTheyWere() throws IOException {
        Path file = tombstones(new long[] {1, 2, 3, 4}, new long[] {100, 400, 200, 500});

        TombstonePruner.Pruned pruned = TombstonePruner.prune(file, 300, WriterSettings.defaults(), this::next);

        assertThat(pruned.changed()).isTrue();
        assertThat(pruned.kept()).isEqualTo(2);
        assertThat(pruned.dropped()).isEqualTo(2);
        assertThat(LakeRows.read(pruned.file())).containsExactly(Map.of("id", 2L, ChangeSequence.COLUMN, 400L),
                Map.of("id", 4L, ChangeSequence.COLUMN, 500L));
    }

    @Test
    void nothingBelowTheCutoff_writesNothing_andEverythingBelow_leavesNoFile() throws IOException {
        Path file = tombstones(new long[] {1, 2}, new long[] {100, 200});

        TombstonePruner.Pruned none = TombstonePruner.prune(file, 50, WriterSettings.defaults(), this::next);
        TombstonePruner.Pruned all = TombstonePruner.prune(file, 1_000, WriterSettings.defaults(), this::next);

        assertThat(none.changed()).isFalse();
        assertThat(none.file()).isNull();
        assertThat(all.changed()).isTrue();
        assertThat(all.file()).isNull();
        assertThat(all.kept()).isZero();
    }

    private Path tombstones(long[] ids, long[] seqs) throws IOException {
        RowBatch batch = new RowBatch(TOMBSTONES, ids.length);
        for (int r = 0; r < ids.length; r++) {
            batch.column(0).addLong(ids[r]);
            batch.column(1).addLong(seqs[r]);
        }
        Path file = next();
        try (ParquetBatchWriter writer = new ParquetBatchWriter(file, TOMBSTONES, WriterSettings.defaults(), batch)) {
            writer.writeRange(batch, 0, ids.length);
        }
        return file;
    }

    private Path next() {
        return dir.resolve(UUID.randomUUID() + ".parquet");
    }
}
