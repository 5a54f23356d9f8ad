package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.lake.layout.TableName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeSettingsTest {

    @Test
    void completeEnvironment_givesTablesKeysAndSizes() {
        LakeSettings settings = LakeSettings.from(Map.of("LAKE_BUCKET", "b", "LAKE_GLUE_DATABASE", "lake",
                "LAKE_TABLES", "public.orders:id; sales.lines:order_id, line_no", "LAKE_TARGET_FILE_MB", "256",
                "DMS_FOLDER", "/dms/", "DMS_DATE_PARTITION_SEQUENCE", "yyyymmddhh"));

        assertThat(settings.tableKeys()).containsEntry(new TableName("public", "orders"), List.of("id"))
                .containsEntry(new TableName("sales", "lines"), List.of("order_id", "line_no"));
        assertThat(settings.targetFileBytes()).isEqualTo(256L << 20);
        assertThat(settings.dms().prefix()).isEqualTo("dms/");
        assertThat(settings.dms().partitioning().sequence()).isEqualTo("YYYYMMDDHH");
    }

    @Test
    void everyProblem_isReportedAtOnce_namingTheVariableAndTheFix() {
        assertThatThrownBy(() -> LakeSettings.from(Map.of("LAKE_TABLES", "orders", "LAKE_TARGET_FILE_MB", "lots",
                "DMS_DATE_PARTITION_SEQUENCE", "WEEKLY")))
                .isInstanceOf(InvalidLakeSettingsException.class)
                .hasMessageContaining("LAKE_BUCKET is not set -> set it to the DMS target bucket's name")
                .hasMessageContaining("LAKE_GLUE_DATABASE is not set")
                .hasMessageContaining("LAKE_TABLES entry 'orders' is not schema.table:key")
                .hasMessageContaining("LAKE_TARGET_FILE_MB is 'lots'")
                .hasMessageContaining("DatePartitionSequence WEEKLY");
    }
}
