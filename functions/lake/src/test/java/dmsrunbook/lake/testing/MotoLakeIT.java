package dmsrunbook.lake.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of the lake's integration tests: one moto server per test class, a temporary folder per test. */
public abstract class MotoLakeIT {

    protected static MotoLake aws;

    @TempDir
    protected Path dir;

    @BeforeAll
    static void startMoto() {
        aws = new MotoLake();
    }

    @AfterAll
    static void stopMoto() {
        aws.close();
    }
}
