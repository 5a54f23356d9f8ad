package dmsrunbook.lake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.parquet.ParquetBatchReader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator writes what DMS writes: the shape the lake's tests and the warm-up samples rely on. */
class DmsFileGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void cdcFiles_carryDmsColumnShapes_requiredNotNullColumns_int16_minimalDecimals_andTheCommitTimeAsText() throws Exception {
        DmsFileGenerator generator = new DmsFileGenerator(DmsEndpointShape.defaults().withTimestampColumn("commit_ts"),
                SourceTable.orders(), false);

        assertThat(generator.fileSchema(true)).isEqualTo(MessageTypeParser.parseMessageType("""
                message schema {
                  optional binary Op (STRING);
                  required binary commit_ts (STRING);
                  required int64 id;
                  required binary customer (STRING);
                  required fixed_len_byte_array(6) amount (DECIMAL(12,2));
                  required int32 quantity (INTEGER(32,true));
                  required double price;
                  required boolean active;
                  required int64 created_at (TIMESTAMP(MICROS,false));
                  optional int32 birthday (DATE);
                  optional binary note (STRING);
                  required int32 priority (INTEGER(16,true));
                  optional fixed_len_byte_array(16) tax (DECIMAL(38,4));
                }
                """));
        LocalDateTime commit = LocalDateTime.of(2026, 11, 21, 9, 30, 1, 250_000_000);
        GeneratedFile file = generator.writeCdc(dir, commit, List.of("I"),
                List.<Object[]>of(generator.randomRow(7, new java.util.Random(1))));
        Map<String, Object> row = LakeRows.read(file.file()).get(0);
        assertThat(row.get("commit_ts")).isEqualTo("2026-11-21 09:30:01.250000");
        assertThat(ParquetBatchReader.readSchema(file.file())).isEqualTo(generator.fileSchema(true));
    }
}
