package dmsrunbook.cli;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.SecretReader;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.validation.DataDiff;
import dmsrunbook.validation.DataValidationPlan;
import dmsrunbook.validation.DataValidationReport;
import dmsrunbook.validation.DiffedTable;
import dmsrunbook.validation.TableVerdict;
import dmsrunbook.validation.ValidationRun;
import dmsrunbook.validation.diff.ComparedDatabase;
import dmsrunbook.validation.diff.TableDiffResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook diff spec.json [--table schema.table]}: the workflow's data validation, run from this machine: every
 * selected table diffed (checksums inside each database, rows only where they differ), a line per table, the business
 * invariants, a summary. Credentials from the endpoints' secrets, or JDBC URLs for local databases. Exit 0 only when
 * every table is equal and every invariant holds.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Diff the spec's tables between source and target as the workflow's validation does; exit 0 only when all are equal "
                + "and every invariant holds, " + DiffCommand.DIFFERENT + " when something differs.")
final class DiffCommand implements Callable<Integer> {

    /** The exit code when a table or an invariant differs. */
    static final int DIFFERENT = 4;

    @Parameters(paramLabel = "SPEC", description = "The migration spec (JSON file).")
    Path specFile;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "Diff this source table only (one the mappings select).")
    String table;

    @Option(names = "--source-url", paramLabel = "JDBC_URL",
            description = "Connect to the source with this JDBC URL instead of its secret (user and password in the URL, or in "
                    + "DMS_RUNBOOK_SOURCE_USER / DMS_RUNBOOK_SOURCE_PASSWORD).")
    String sourceUrl;

    @Option(names = "--target-url", paramLabel = "JDBC_URL",
            description = "The same for the target (DMS_RUNBOOK_TARGET_USER / DMS_RUNBOOK_TARGET_PASSWORD).")
    String targetUrl;

    @Option(names = "--in-flight", description = "The application still writes: re-check differences after a wait, as the "
            + "workflow's validation before the cutover does. Default: exact, as after the final sync.")
    boolean inFlight;

    @picocli.CommandLine.Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        MigrationSpec spec = SpecReader.read(Files.readString(specFile));
        Optional<TableName> only = Optional.ofNullable(table).map(this::tableName);
        DatabaseConnector connector = sourceUrl == null || targetUrl == null
                ? new DatabaseConnector(new SecretReader(aws.clients().secretsManager())) : null;
        ComparedDatabase source = side(spec.source(), sourceUrl, "SOURCE", connector);
        ComparedDatabase target = side(spec.target(), targetUrl, "TARGET", connector);
        PrintWriter out = command.commandLine().getOut();
        out.println("diff " + spec.migrationId() + ": " + source.description() + " -> " + target.description());
        DataValidationReport report = new DataDiff(source, target)
                .run(spec, only, inFlight ? ValidationRun.IN_FLIGHT : ValidationRun.FINAL, new Lines(out));
        if (report.tables().isEmpty()) {
            throw new ParameterException(command.commandLine(), only.isPresent()
                    ? "--table " + table + " is not among the tables the spec's mappings select" : "the spec's mappings select no table");
        }
        report.tables().stream().filter(t -> t.verdict() != TableVerdict.EQUAL).forEach(t -> out.println("  " + t.line()));
        if (report.invariants() != null) {
            report.invariants().results().forEach(i -> out.println("  invariant " + i.line()));
        }
        boolean equal = report.tables().stream().allMatch(t -> t.verdict() == TableVerdict.EQUAL)
                && (report.invariants() == null || report.invariants().passed());
        out.println((equal ? "EQUAL: " : "DIFFERENT: ") + report.summary());
        return equal ? 0 : DIFFERENT;
    }

    private TableName tableName(String name) {
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new ParameterException(command.commandLine(), "--table must be schema.table, not " + name);
        }
        return new TableName(name.substring(0, dot), name.substring(dot + 1));
    }

    /** The side by its JDBC URL when one is given, else by the spec's endpoint and its secret. */
    private ComparedDatabase side(EndpointSpec endpoint, String url, String role, DatabaseConnector connector) {
        if (url == null) {
            return ComparedDatabase.of(connector, endpoint);
        }
        String prefix = endpoint.engine().family() == dmsrunbook.spec.DatabaseEngine.Family.POSTGRES ? "jdbc:postgresql:" : "jdbc:mariadb:";
        if (!url.startsWith(prefix) && !(prefix.equals("jdbc:mariadb:") && url.startsWith("jdbc:mysql:"))) {
            throw new ParameterException(command.commandLine(), "--" + role.toLowerCase() + "-url must be a " + endpoint.engine().value()
                    + " JDBC URL starting with " + prefix);
        }
        return ComparedDatabase.ofJdbcUrl(endpoint.engine(), url, System.getenv("DMS_RUNBOOK_" + role + "_USER"),
                System.getenv("DMS_RUNBOOK_" + role + "_PASSWORD"));
    }

    /** A line per table (or key range) as it is diffed. */
    private record Lines(PrintWriter out) implements DataDiff.Progress {

        @Override
        public void planned(DataValidationPlan plan) {
            out.println(plan.tables() + " tables in " + plan.items().size() + " work items"
                    + (plan.splitTables() > 0 ? ", " + plan.splitTables() + " split into key ranges" : ""));
        }

        @Override
        public void diffed(DiffedTable table) {
            String name = table.request().source() + (table.request().range().isAll() ? "" : " " + table.request().range());
            if (table.failure() != null) {
                out.println(name + ": FAILED " + table.failure());
                return;
            }
            TableDiffResult result = table.result();
            out.println(name + ": " + (result.equal() ? "equal" : "differs") + " (" + result.evidence().value() + ", "
                    + result.sourceRows() + " rows on the source, " + result.targetRows() + " on the target, "
                    + (result.rechecks() > 0 ? "re-check " + result.rechecks() + ", " : "") + result.millis() + " ms)");
        }

        @Override
        public void rechecking(int tables, Duration wait) {
            out.println(tables + (tables == 1 ? " table differs" : " tables differ") + " while changes may be in flight: re-checking in "
                    + wait.toSeconds() + " s");
        }
    }
}
