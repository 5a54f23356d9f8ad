package dmsrunbook.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The expected full-load time and cost of a migration's selected tables on each DMS instance class and on a few DMS
 * Serverless capacities. The model, kept simple on purpose: a full load reads the tables' data bytes at a base speed for
 * each 2 vCPUs (a rehearsal's measured speed when one is recorded, else the price table's default); more vCPUs help only
 * as far as tables load in parallel (DMS's {@code MaxFullLoadSubTasks}, 8 unless the spec's task settings say otherwise,
 * and never more than the tables there are); one DCU (2 GB) counts as one vCPU's worth. The cost is the instance (or
 * capacity) time of the load; each further day of change data capture until the cutover costs {@code perDay}.
 */
public record FullLoadPlan(long dataBytes, int tables, int parallelTables, double bytesPerSecondPer2Vcpu, String speedBasis,
                           List<Option> options) {

    /** One way to run the load. */
    public record Option(String name, String capacity, double seconds, double cost, double perDay) {
    }

    /** DMS Serverless capacities the plan prices (DCUs). */
    static final List<Integer> SERVERLESS_DCUS = List.of(2, 4, 8, 16, 32);

    public static FullLoadPlan of(List<TableSize> sizes, int maxFullLoadSubTasks, DmsPriceTable prices,
                                  Optional<MeasuredThroughput> measured) {
        long dataBytes = sizes.stream().mapToLong(TableSize::dataBytes).sum();
        int tables = (int) sizes.stream().filter(t -> t.dataBytes() > 0).count();
        int parallel = Math.max(1, Math.min(maxFullLoadSubTasks, tables));
        double speed = measured.map(MeasuredThroughput::bytesPerSecond).orElse((double) prices.defaultBytesPerSecondPer2Vcpu());
        String basis = measured.map(m -> String.format("%s/s per 2 vCPUs, measured by the rehearsal of %s on %s (%s)",
                        Bytes.human((long) m.bytesPerSecond()), m.source(), m.measuredAt().toString().substring(0, 10), m.engine()))
                .orElse(Bytes.human(prices.defaultBytesPerSecondPer2Vcpu()) + "/s per 2 vCPUs, the default (no rehearsal recorded: "
                        + "run runbook rehearse --spec to measure)");
        List<Option> options = new ArrayList<>();
        for (DmsPriceTable.InstanceClass instance : prices.instanceClasses()) {
            double seconds = dataBytes / (speed * scale(instance.vcpu(), parallel));
            options.add(new Option(instance.name(), instance.vcpu() + " vCPU, " + trim(instance.memoryGiB()) + " GiB", seconds,
                    seconds / 3600 * instance.perHour(), 24 * instance.perHour()));
        }
        if (prices.serverless() != null) {
            for (int dcu : SERVERLESS_DCUS) {
                double seconds = dataBytes / (speed * scale(dcu, parallel));
                double perHour = dcu * prices.serverless().perDcuHour();
                options.add(new Option("DMS Serverless", dcu + " DCU", seconds, seconds / 3600 * perHour, 24 * perHour));
            }
        }
        return new FullLoadPlan(dataBytes, tables, parallel, speed, basis, List.copyOf(options));
    }

    /** How many times the 2-vCPU speed a capacity of {@code vcpus} reaches with {@code parallel} tables loading at once. */
    static double scale(int vcpus, int parallel) {
        return Math.max(1.0, Math.min(vcpus / 2.0, parallel));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
