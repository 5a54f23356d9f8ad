package dmsrunbook.lake.commit;

/** A hook at each {@link CommitStep}: does nothing in Lambda; tests make it throw to simulate a crash there. */
@FunctionalInterface
public interface CommitFaults {

    CommitFaults NONE = step -> {
    };

    void at(CommitStep step);
}
