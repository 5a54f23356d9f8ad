package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    @Test
    void primingBeforeTheSnapshot_writesAndReadsParquetWithoutFailing() throws Exception {
        Constructor<SnapStartPriming> constructor = SnapStartPriming.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        SnapStartPriming priming = constructor.newInstance();

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    }
}
