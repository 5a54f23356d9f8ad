package dmsrunbook.cli;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.SecretReader;
import dmsrunbook.mapping.TableName;
import dmsrunbook.plan.DmsPriceTable;
import dmsrunbook.plan.FullLoadPlan;
import dmsrunbook.plan.MeasuredThroughput;
import dmsrunbook.plan.PlanPrinter;
import dmsrunbook.plan.TableSize;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import dmsrunbook.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook plan spec.json}: reads the selected tables' sizes from the source's catalog (read-only) and prints the
 * expected full-load time and cost on each DMS instance class and DMS Serverless capacity, from the project's dated
 * price table and the last rehearsal's measured speed.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Estimate the full load of the spec's selected tables: time and cost per DMS instance class and for DMS "
                + "Serverless, from the source's table sizes, a dated price table and the last rehearsal's measured speed.")
final class PlanCommand implements Callable<Integer> {

    /** DMS's default number of tables a full load copies at once. */
    private static final int DMS_DEFAULT_MAX_FULL_LOAD_SUB_TASKS = 8;

    @Parameters(paramLabel = "SPEC", description = "The migration spec (JSON file).")
    Path specFile;

    @Option(names = "--source-url", paramLabel = "JDBC_URL",
            description = "Reach the source at this JDBC URL (with user and password) instead of the spec's host and secret.")
    String sourceUrl;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "A price table of your own, in the format of the project's dmsrunbook/plan/dms-prices.json.")
    Path prices;

    @Option(names = "--throughput-file", paramLabel = "FILE",
            description = "The rehearsal's measured speed. Default: ~/.dms-runbook/rehearsal-throughput.json")
    Path throughputFile;

    @Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        MigrationSpec spec = SpecReader.read(Files.readString(specFile));
        DmsPriceTable table;
        try {
            table = prices != null ? DmsPriceTable.read(prices) : DmsPriceTable.bundled();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
        Path measuredFile = throughputFile != null ? throughputFile : MeasuredThroughput.defaultFile();
        Optional<MeasuredThroughput> measured = MeasuredThroughput.load(measuredFile);
        List<TableSize> sizes;
        try (Connection source = sourceUrl != null ? DriverManager.getConnection(sourceUrl)
                : new DatabaseConnector(new SecretReader(aws.clients().secretsManager())).connect(spec.source())) {
            source.setReadOnly(true);
            List<TableName> selected = spec.mappings().select(DatabaseFamilies.of(spec.source().engine()).dialect().listTables(source));
            sizes = TableSize.read(source, spec.source().engine().family(), selected);
        }
        FullLoadPlan plan = FullLoadPlan.of(sizes, maxFullLoadSubTasks(spec), table, measured);
        PlanPrinter.print(command.commandLine().getOut(), spec, sizes, plan, table, measured.map(m -> measuredFile));
        return 0;
    }

    private static int maxFullLoadSubTasks(MigrationSpec spec) {
        if (spec.engine() != ReplicationEngineKind.DMS || spec.dms() == null || spec.dms().taskSettings() == null) {
            return DMS_DEFAULT_MAX_FULL_LOAD_SUB_TASKS;
        }
        int configured = spec.dms().taskSettings().path("FullLoadSettings").path("MaxFullLoadSubTasks").asInt(0);
        return configured > 0 ? configured : DMS_DEFAULT_MAX_FULL_LOAD_SUB_TASKS;
    }
}
