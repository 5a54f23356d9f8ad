package dmsrunbook.lake.compaction;

import java.io.IOException;
import java.nio.file.Path;

/** Hands out local paths for new output files. */
@FunctionalInterface
public interface OutputFiles {
    Path next() throws IOException;
}
