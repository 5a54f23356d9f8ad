package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.lake.CompactDmsChangesHandler;
import dmsrunbook.lake.testing.Deliveries;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsReplication;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeExpectations;
import dmsrunbook.lake.testing.MotoLake;
import dmsrunbook.lake.testing.MotoLakeIT;
import dmsrunbook.lake.testing.MutableClock;
import dmsrunbook.lake.testing.SourceTable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the lake remembers to stay exact, and for how long: the DMS files it took in (to recognise a duplicate
 * notification) and deleted keys' tombstones (so an older change arriving late does not bring a row back). Both go
 * after the 15-day retention, and only once nothing they guard against can still arrive.
 */
class RetentionIT extends MotoLakeIT {

    private static final SourceTable ORDERS = SourceTable.orders();
    private static final DmsEndpointShape SHAPE = DmsEndpointShape.defaults();
    private static final LocalDateTime T = LocalDateTime.of(2026, 11, 21, 10, 0);

    private final MutableClock clock = new MutableClock();
    private MotoLake.Stack lake;
    private DmsFileGenerator generator;
    private Map<Long, Object[]> expected;
    private Object[] row5;
    private Object[] row7;

    @BeforeEach
    void loadedTable() throws Exception {
        lake = aws.newStack(SHAPE, "public.orders:id");
        generator = new DmsFileGenerator(SHAPE, ORDERS, true);
        DmsReplication source = generator.replicate(11, dir.resolve("dms"));
        lake.upload(source.fullLoad(100, 100));
        expected = new HashMap<>(source.contents());
        row5 = expected.get(5L);
        row7 = expected.get(7L);
        deliverAll();
    }

    @Test
    void aLateDuplicate_withinTheWindowAndBeyond_cannotBringADeletedRowBack_andTheMemoryOfItGoesAfterTheRetention() throws Exception {
        // GIVEN key 5 updated, then deleted
        GeneratedFile update = cdc(T, "U", row5);
        lake.upload(List.of(update));
        List<SQSEvent.SQSMessage> updateNotice = lake.takeAllMessages();
        deliver(updateNotice);
        lake.upload(List.of(cdc(T.plusMinutes(1), "D", row5)));
        deliverAll();
        expected.remove(5L);

        // WHEN the update's notification comes again ten days later (SQS keeps a message up to 14 days)
        clock.advance(Duration.ofDays(10));
        long version = lake.manifest(ORDERS).version();
        deliver(updateNotice);

        // THEN it is a duplicate: nothing committed, key 5 stays deleted
        assertThat(lake.manifest(ORDERS).version()).isEqualTo(version);
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, expected, dir);

        // WHEN twenty days have passed and another change is taken in
        clock.advance(Duration.ofDays(10));
        lake.upload(List.of(cdc(T.plusMinutes(2), "U", row7)));
        deliverAll();
        expected.put(7L, row7);

        // THEN the tombstone and the consumed entries older than the retention are gone...
        TableManifest manifest = lake.manifest(ORDERS);
        assertThat(tombstones(manifest)).isZero();
        assertThat(manifest.consumed()).hasSize(1);
        // ...and the update's notification, delivered once more, still finds nothing to take in
        deliver(updateNotice);
        assertThat(lake.manifest(ORDERS).version()).isEqualTo(manifest.version());
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, expected, dir);
    }

    @Test
    void anOlderChangeStillWaitingInTheFolder_keepsTheTombstonePastTheRetention_soItCannotBringTheRowBack() throws Exception {
        // GIVEN key 5 deleted, and an older update of it that DMS wrote but whose notification is held up
        lake.upload(List.of(cdc(T.plusMinutes(1), "D", row5)));
        deliverAll();
        expected.remove(5L);
        lake.upload(List.of(cdc(T, "U", row5)));
        List<SQSEvent.SQSMessage> late = lake.takeAllMessages();

        // WHEN twenty days pass and another change is taken in (the sweep that prunes runs)
        clock.advance(Duration.ofDays(20));
        lake.upload(List.of(cdc(T.plusMinutes(2), "U", row7)));
        deliverAll();
        expected.put(7L, row7);

        // THEN the tombstone stays, because an older change of the table is still waiting
        assertThat(tombstones(lake.manifest(ORDERS))).isEqualTo(1);
        // AND when that change finally comes, key 5 stays deleted
        deliver(late);
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, expected, dir);
    }

    private GeneratedFile cdc(LocalDateTime time, String op, Object[] row) throws Exception {
        return generator.writeCdc(dir.resolve("cdc"), time, List.of(op), List.<Object[]>of(row));
    }

    private void deliverAll() throws Exception {
        deliver(lake.takeAllMessages());
    }

    private void deliver(List<SQSEvent.SQSMessage> messages) {
        CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE, clock);
        assertThat(Deliveries.failed(handler, messages)).isEmpty();
    }

    private static long tombstones(TableManifest manifest) {
        return manifest.state().values().stream().mapToLong(StateBucket::tombstoneRows).sum();
    }
}
