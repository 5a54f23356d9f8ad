package dmsrunbook.lake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class AthenaTypesTest {

    @Test
    void everyParquetTypeDmsWrites_mapsToTheAthenaTypeThatReadsIt() {
        MessageType dms = MessageTypeParser.parseMessageType("""
                message t {
                  optional int32 tiny (INTEGER(8,true)); optional int32 small (INTEGER(16,true)); optional int32 i (INTEGER(32,true));
                  optional int64 big; optional int32 day (DATE); optional int64 micros (TIMESTAMP(MICROS,false));
                  optional int64 millis (TIMESTAMP(MILLIS,false)); optional fixed_len_byte_array(6) money (DECIMAL(12,2));
                  optional int64 cents (DECIMAL(18,2)); optional binary text (STRING); optional binary raw;
                  optional float f; optional double d; optional boolean b; optional int96 legacy;
                  optional int32 u8 (INTEGER(8,false)); optional int64 u64 (INTEGER(64,false)); optional int32 t (TIME(MILLIS,true));
                }""");

        assertThat(dms.getFields()).extracting(f -> AthenaTypes.of(f.asPrimitiveType())).containsExactly(
                "tinyint", "smallint", "int", "bigint", "date", "timestamp", "timestamp", "decimal(12,2)", "decimal(18,2)",
                "string", "binary", "float", "double", "boolean", "timestamp", "smallint", "decimal(20,0)", "int");
    }
}
