package dmsrunbook.database;

import dmsrunbook.error.RunbookException;
import dmsrunbook.preflight.ByteSizes;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How much change log the source keeps for this migration's replication slots, and how fast it grows: what a failure
 * alert says so that no slot retains WAL unnoticed after the migration stopped. Two readings {@code sample} apart
 * give the growth. The native engine's slot is named after the migration; with DMS every slot on the source is shown
 * (its slot's name is DMS's own).
 */
public final class SourceWalRetention {

    private final DatabaseConnector databases;
    private final Duration sample;

    public SourceWalRetention(DatabaseConnector databases, Duration sample) {
        this.databases = databases;
        this.sample = sample;
    }

    /** One or more sentences for an alert; never fails (an unreadable source is said so). */
    public String describe(MigrationSpec spec) {
        Optional<ReplicationSlots> slots = DatabaseFamilies.of(spec.source().engine()).replicationSlots();
        if (slots.isEmpty()) {
            return "";
        }
        try (Connection source = databases.connect(spec.source())) {
            List<ReplicationSlots.Slot> first = relevant(spec, slots.get().list(source));
            if (first.isEmpty()) {
                return spec.engine() == ReplicationEngineKind.POSTGRES_NATIVE
                        ? "No slot " + spec.objectName() + " remains on the source: nothing retains WAL for this migration."
                        : "No replication slot remains on the source: nothing retains WAL.";
            }
            Thread.sleep(sample.toMillis());
            Map<String, Long> later = relevant(spec, slots.get().list(source)).stream()
                    .collect(Collectors.toMap(ReplicationSlots.Slot::name, ReplicationSlots.Slot::retainedBytes));
            List<String> lines = new ArrayList<>();
            for (ReplicationSlots.Slot slot : first) {
                long grown = later.getOrDefault(slot.name(), slot.retainedBytes()) - slot.retainedBytes();
                double perMinute = grown * 60_000.0 / Math.max(1, sample.toMillis());
                lines.add("Slot " + slot.name() + " (" + (slot.active() ? "in use" : "inactive") + ") holds "
                        + ByteSizes.readable(later.getOrDefault(slot.name(), slot.retainedBytes())) + " of WAL on the source"
                        + (grown > 0 ? ", growing by about " + ByteSizes.readable((long) perMinute) + "/min" : ", not growing right now")
                        + ".");
            }
            return String.join(" ", lines);
        } catch (SQLException | RunbookException e) {
            return "The source could not be read to say how much WAL its replication slots hold.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static List<ReplicationSlots.Slot> relevant(MigrationSpec spec, List<ReplicationSlots.Slot> slots) {
        if (spec.engine() != ReplicationEngineKind.POSTGRES_NATIVE) {
            return slots;
        }
        return slots.stream().filter(slot -> slot.name().equals(spec.objectName())).toList();
    }
}
