package dmsrunbook.rehearsal;

import java.io.PrintStream;
import java.time.LocalTime;

/** What a rehearsal tells the person watching it: one line at a time, each with the time of day. */
final class RehearsalConsole {

    private final PrintStream out;

    RehearsalConsole(PrintStream out) {
        this.out = out;
    }

    void say(String line) {
        out.printf("[%tT] %s%n", LocalTime.now(), line);
        out.flush();
    }

    /** Waits between two looks at the execution; an interrupt ends the wait early and stays set for the caller. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
