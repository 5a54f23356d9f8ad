package dmsrunbook.plan;

import dmsrunbook.spec.MigrationSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Prints {@code runbook plan}'s estimate: the source's selected tables, the speed and prices it rests on, one line per option. */
public final class PlanPrinter {

    private static final int LARGEST_TABLES = 10;

    private PlanPrinter() {
    }

    public static void print(PrintWriter out, MigrationSpec spec, List<TableSize> sizes, FullLoadPlan plan, DmsPriceTable prices,
                             Optional<Path> measuredFile) {
        long rows = sizes.stream().mapToLong(TableSize::rows).sum();
        long total = sizes.stream().mapToLong(TableSize::totalBytes).sum();
        out.println("Plan for " + spec.migrationId() + ": " + sizes.size() + " selected table(s) on " + spec.source().describe()
                + ", about " + rows + " rows, " + Bytes.human(plan.dataBytes()) + " of data (" + Bytes.human(total) + " with indexes)");
        sizes.stream().sorted(Comparator.comparingLong(TableSize::totalBytes).reversed()).limit(LARGEST_TABLES).forEach(t ->
                out.printf("  %-40s %14d rows %12s data %12s total%n", t.table(), t.rows(), Bytes.human(t.dataBytes()), Bytes.human(t.totalBytes())));
        if (sizes.size() > LARGEST_TABLES) {
            out.println("  ... and " + (sizes.size() - LARGEST_TABLES) + " smaller table(s)");
        }
        out.println("Speed: " + plan.speedBasis() + measuredFile.map(f -> " [" + f + "]").orElse(""));
        out.println("Parallel: " + plan.parallelTables() + " table(s) at once (MaxFullLoadSubTasks, at most the tables with data)");
        out.println("Prices: " + prices.region() + ", " + prices.currency() + ", read on " + prices.readOn() + " - " + prices.source());
        if (!prices.note().isEmpty()) {
            out.println("        " + prices.note());
        }
        if (prices.serverless() != null && !prices.serverless().region().equals(prices.region())) {
            out.println("        DMS Serverless is priced at " + prices.serverless().region() + "'s DCU rate: " + prices.serverless().source());
        }
        out.println();
        out.printf("  %-16s %-18s %14s %12s %14s%n", "option", "capacity", "full load", "load cost", "per CDC day");
        for (FullLoadPlan.Option option : plan.options()) {
            out.printf("  %-16s %-18s %14s %12s %14s%n", option.name(), option.capacity(), Bytes.duration(option.seconds()),
                    money(option.cost()), money(option.perDay()));
        }
        out.println();
        out.println("Instance or capacity time only: storage, data transfer and the target's own cost are not included; "
                + "the load also waits for the slowest table.");
    }

    private static String money(double amount) {
        return String.format("%.2f", amount);
    }
}
