package dmsrunbook.watch;

import dmsrunbook.report.ExecutionProgress;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shows successive progress readings: on a terminal, the screen redrawn in place; otherwise each plain line once, as
 * it first appears, and a problem line again only when it differs from the last poll's.
 */
public final class ProgressDisplay {

    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    private final PrintWriter out;
    private final boolean terminal;
    private final Set<String> printed = new HashSet<>();

    public ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void show(ExecutionProgress progress) {
        if (terminal) {
            out.print(CLEAR_SCREEN);
            ProgressRenderer.screen(progress).forEach(out::println);
        } else {
            plain(ProgressRenderer.plainLines(progress));
        }
        out.flush();
    }

    /** A line of its own (a poll that failed, the end of the watch), shown the same way in both modes. */
    public void say(String line) {
        if (terminal || printed.add(line)) {
            out.println(line);
            out.flush();
        }
    }

    private void plain(List<String> lines) {
        for (String line : lines) {
            if (printed.add(line)) {
                out.println(line);
            }
        }
    }
}
