package dmsrunbook.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.mapping.TableName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullLoadPlanTest {

    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void bundledPriceTable_isDated_sourced_andPricesTheCommonClasses() {
        DmsPriceTable prices = DmsPriceTable.bundled();

        assertThat(prices.region()).isEqualTo("us-east-1");
        assertThat(prices.readOn()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(prices.source()).contains("https://aws.amazon.com/dms/pricing/");
        assertThat(prices.instanceClasses()).extracting(DmsPriceTable.InstanceClass::name)
                .contains("dms.t3.medium", "dms.c5.large", "dms.r5.large");
        assertThat(prices.instanceClasses()).allMatch(c -> c.perHour() > 0 && c.vcpu() > 0);
        assertThat(prices.serverless()).isNotNull();
    }

    @Test
    void withoutARehearsal_theDefaultSpeedApplies_andMoreVcpusHelpOnlyAsFarAsTablesLoadInParallel() {
        List<TableSize> sizes = List.of(new TableSize(new TableName("public", "a"), 1000, 8 * GIB, 10 * GIB),
                new TableSize(new TableName("public", "b"), 1000, 8 * GIB, 9 * GIB),
                new TableSize(new TableName("public", "empty"), 0, 0, 8192));

        FullLoadPlan plan = FullLoadPlan.of(sizes, 8, DmsPriceTable.bundled(), Optional.empty());

        // 16 GiB at 8 MiB/s for 2 vCPUs: 2048 s; two tables with data, so at most twice as fast
        assertThat(plan.parallelTables()).isEqualTo(2);
        assertThat(option(plan, "dms.t3.medium").seconds()).isEqualTo(2048.0);
        assertThat(option(plan, "dms.c5.xlarge").seconds()).isEqualTo(1024.0);
        assertThat(option(plan, "dms.c5.4xlarge").seconds()).isEqualTo(1024.0);
        assertThat(option(plan, "dms.t3.medium").cost()).isEqualTo(2048.0 / 3600 * 0.072);
        assertThat(option(plan, "dms.t3.medium").perDay()).isEqualTo(24 * 0.072);
        assertThat(plan.speedBasis()).contains("the default");
    }

    @Test
    void aRecordedRehearsal_setsTheSpeed_andSurvivesTheRoundTripThroughItsFile() {
        Path file = dir.resolve("nested/throughput.json");
        new MeasuredThroughput(Instant.parse("2026-12-01T08:00:00Z"), "postgres-native", "app.dump", 1_000_000, 100 * 1024 * 1024, 10)
                .save(file);

        Optional<MeasuredThroughput> loaded = MeasuredThroughput.load(file);
        FullLoadPlan plan = FullLoadPlan.of(List.of(new TableSize(new TableName("s", "t"), 1, GIB, GIB)), 8,
                DmsPriceTable.bundled(), loaded);

        assertThat(loaded).isPresent();
        assertThat(loaded.get().bytesPerSecond()).isEqualTo(10 * 1024 * 1024);
        assertThat(option(plan, "dms.t3.medium").seconds()).isEqualTo(102.4);
        assertThat(plan.speedBasis()).contains("measured by the rehearsal of app.dump on 2026-12-01");
    }

    @Test
    void aMissingOrBrokenThroughputFile_meansNoMeasurement() throws Exception {
        assertThat(MeasuredThroughput.load(dir.resolve("absent.json"))).isEmpty();
        assertThat(MeasuredThroughput.load(Files.writeString(dir.resolve("broken.json"), "{"))).isEmpty();
    }

    @Test
    void aPriceTableWithoutClasses_isRefusedWithTheFormatToFollow() throws Exception {
        Path table = Files.writeString(dir.resolve("prices.json"), "{\"region\": \"eu-west-1\", \"instanceClasses\": []}");

        assertThatThrownBy(() -> DmsPriceTable.read(table)).hasMessageContaining("needs instanceClasses");
    }

    @Test
    void durationsAndSizes_readAsPeopleWriteThem() {
        assertThat(Bytes.duration(42)).isEqualTo("42 s");
        assertThat(Bytes.duration(100)).isEqualTo("2 min");
        assertThat(Bytes.duration(2 * 3600 + 5 * 60)).isEqualTo("2 h 05 min");
        assertThat(Bytes.human(1536)).isEqualTo("1.5 KiB");
    }

    private static FullLoadPlan.Option option(FullLoadPlan plan, String name) {
        return plan.options().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }
}
