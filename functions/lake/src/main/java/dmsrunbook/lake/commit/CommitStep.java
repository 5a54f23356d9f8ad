package dmsrunbook.lake.commit;

/** The points of the commit protocol between which an invocation can die; tests inject a crash at each. */
public enum CommitStep {
    /** A bad file was copied to quarantine; the original is still there. */
    QUARANTINE_COPIED,
    /** New changes files are in S3, unreferenced. */
    CHANGES_UPLOADED,
    /** New current-state files are in S3, unreferenced; the manifest is about to be replaced. */
    STATE_UPLOADED,
    /** The new manifest is committed; Athena still shows the previous version. */
    COMMITTED,
    /** Athena shows the new version; the DMS input files still exist. */
    PUBLISHED,
    /** The DMS input files are deleted; replaced files are not yet. */
    INPUTS_DELETED,
    /** Everything is done. */
    GARBAGE_DELETED
}
