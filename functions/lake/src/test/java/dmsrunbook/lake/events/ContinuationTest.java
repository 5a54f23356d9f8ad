package dmsrunbook.lake.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.lake.layout.TableName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lake's message to itself carries the table and the files left, and is told apart from S3's notifications. */
class ContinuationTest {

    private static final TableName TABLE = new TableName("my.schema", "orders");

    @Test
    void aContinuation_readsBackAsWritten_keysAsStored() {
        Continuation sent = new Continuation("dms-target", TABLE, List.of("dms/my.schema/orders/LOAD00000002.parquet",
                "dms/my.schema/orders/100% \"done\".parquet"));

        assertThat(Continuation.read(sent.body())).contains(sent);
    }

    @Test
    void manyFiles_areHandedOnInSeveralMessages_eachWellUnderSqsLimit_noneLost() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add(String.format("dms/my.schema/orders/LOAD%08X.parquet", i + 1));
        }

        List<Continuation> messages = Continuation.of("dms-target", TABLE, keys);

        assertThat(messages).hasSizeGreaterThan(1);
        assertThat(messages).allSatisfy(m -> assertThat(m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThan(256 * 1024));
        assertThat(messages.stream().flatMap(m -> m.keys().stream()).toList()).isEqualTo(keys);
    }

    @Test
    void s3NotificationsAndOtherBodies_areNoContinuation_butABrokenOneSaysSo() {
        assertThat(Continuation.read("{\"Records\":[]}")).isEmpty();
        assertThat(Continuation.read("not json dms-lake-continuation")).isEmpty();
        assertThatThrownBy(() -> Continuation.read("{\"type\":\"dms-lake-continuation\",\"bucket\":\"b\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks");
    }
}
