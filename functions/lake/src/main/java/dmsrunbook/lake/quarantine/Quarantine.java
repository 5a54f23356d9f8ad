package dmsrunbook.lake.quarantine;

import dmsrunbook.lake.commit.CommitFaults;
import dmsrunbook.lake.commit.CommitStep;
import dmsrunbook.lake.commit.S3Store;
import dmsrunbook.lake.layout.LakePaths;

/**
 * Sets a bad DMS file aside so it blocks nothing: copies it under the quarantine prefix with a {@code .reason.txt}
 * beside it, alerts, then deletes the original. Every step can be repeated, so a crash part-way is finished by the
 * redelivery (the alert may then be sent twice; nothing is lost).
 */
public final class Quarantine {

    private final S3Store store;
    private final LakePaths paths;
    private final AlertPublisher alerts;
    private final CommitFaults faults;

    public Quarantine(S3Store store, LakePaths paths, AlertPublisher alerts, CommitFaults faults) {
        this.store = store;
        this.paths = paths;
        this.alerts = alerts;
        this.faults = faults;
    }

    /** Quarantines {@code key}: {@code problem} says what is wrong with it, {@code fix} what to do. */
    public void quarantine(String key, String problem, String fix) {
        if (store.head(key).isEmpty()) {
            // Already moved by an earlier delivery of the same notification (or deleted): nothing left to set aside.
            return;
        }
        String moved = paths.quarantined(key);
        store.copy(key, moved);
        store.putText(paths.quarantineReason(key), "object: " + store.uri(key) + "\nproblem: " + problem + "\nfix: " + fix
                + "\nto retry: copy " + store.uri(moved) + " back to " + store.uri(key) + "\n");
        faults.at(CommitStep.QUARANTINE_COPIED);
        alerts.alert("DMS lake quarantined " + key, "The lake set aside " + store.uri(key) + ".\nProblem: " + problem
                + "\nFix: " + fix + "\nThe file is now at " + store.uri(moved) + "; other files were processed normally.");
        store.delete(key);
    }
}
