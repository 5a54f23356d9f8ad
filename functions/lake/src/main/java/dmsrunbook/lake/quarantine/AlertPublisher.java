package dmsrunbook.lake.quarantine;

/** Tells people about input the lake had to set aside. */
@FunctionalInterface
public interface AlertPublisher {

    void alert(String subject, String message);
}
