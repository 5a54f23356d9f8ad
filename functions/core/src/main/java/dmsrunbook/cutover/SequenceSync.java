package dmsrunbook.cutover;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.Sequences;
import dmsrunbook.error.Failures;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves the target's sequences past every migrated value before the application writes to it. Neither DMS nor
 * logical replication carries sequence values, so without this the first INSERT after cutover collides with a
 * migrated key. Each sequence is set to the larger of the source sequence's value (same name, when the source has
 * sequences) and the largest value in the column it feeds on the target.
 */
public final class SequenceSync {

    private final DatabaseConnector connector;

    public SequenceSync(DatabaseConnector connector) {
        this.connector = connector;
    }

    /**
     * Runs only for targets whose family has sequences (PostgreSQL); returns what it set. Safe to run again: it only
     * ever moves forward.
     */
    public List<SequenceValue> sync(MigrationSpec spec) {
        Optional<Sequences> targetSequences = spec.target().engine().isDatabase()
                ? DatabaseFamilies.of(spec.target().engine()).sequences() : Optional.empty();
        if (targetSequences.isEmpty()) {
            return List.of();
        }
        Sequences sequences = targetSequences.get();
        DatabaseFamily sourceFamily = DatabaseFamilies.of(spec.source().engine());
        TableMappings mappings = spec.mappings();
        List<TableName> sourceTables;
        Map<String, Long> sourceSequences = new HashMap<>();
        try (Connection source = connector.connect(spec.source())) {
            sourceTables = mappings.select(sourceFamily.dialect().listTables(source));
            Optional<Sequences> fromSource = sourceFamily.sequences();
            if (fromSource.isPresent()) {
                sourceSequences.putAll(fromSource.get().lastValues(source));
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Reading sequences", spec.source().describe(), e);
        }
        List<SequenceValue> values = new ArrayList<>();
        try (Connection target = connector.connect(spec.target())) {
            for (TableName sourceTable : sourceTables) {
                TableName table = mappings.targetName(sourceTable);
                for (Sequences.Owned owned : sequences.ownedBy(target, table)) {
                    long columnMax = sequences.largestValue(target, table, owned.column());
                    String sourceName = sourceTable.schema() + "." + owned.sequence().substring(owned.sequence().indexOf('.') + 1);
                    long fromSource = sourceSequences.getOrDefault(sourceName, 0L);
                    long value = Math.max(columnMax, fromSource);
                    if (value > 0 && value > sequences.current(target, owned.sequence())) {
                        sequences.moveTo(target, owned.sequence(), value);
                        values.add(new SequenceValue(owned.sequence(), value, fromSource >= columnMax ? "source sequence" : "max(" + owned.column() + ")"));
                    }
                }
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Setting sequences", spec.target().describe(), e);
        }
        return values;
    }
}
