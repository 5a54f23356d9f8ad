package dmsrunbook.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnChunkWriterTest {

    @Test
    void fastUnsignedCompare_ordersLikeTheJdk_forEveryLengthAndByte() {
        Random random = new Random(9);
        for (int i = 0; i < 100_000; i++) {
            byte[] a = new byte[random.nextInt(20)];
            byte[] b = new byte[random.nextInt(20)];
            random.nextBytes(a);
            random.nextBytes(b);
            if (random.nextBoolean() && a.length > 0 && b.length > 0) {
                System.arraycopy(a, 0, b, 0, Math.min(a.length, b.length) - 1);
            }
            byte[] padded = new byte[a.length + 3];
            System.arraycopy(a, 0, padded, 3, a.length);
            assertThat(Integer.signum(ColumnChunkWriter.compareUnsigned(padded, 3, a.length, b)))
                    .as("%s vs %s", Arrays.toString(a), Arrays.toString(b))
                    .isEqualTo(Integer.signum(Arrays.compareUnsigned(a, b)));
        }
    }
}
