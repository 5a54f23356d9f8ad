package dmsrunbook.lake;

import dmsrunbook.error.TerminalException;
import java.util.List;

/** Thrown at start-up when the lake function's environment is incomplete or wrong; lists every problem. */
public final class InvalidLakeSettingsException extends TerminalException {

    public InvalidLakeSettingsException(List<String> problems) {
        super("The lake function's settings have " + problems.size() + " problem(s): " + String.join("; ", problems),
                "Fix the function's environment variables (CompactDmsChangesFunction in template.yaml) and redeploy.");
    }
}
