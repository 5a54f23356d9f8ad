package dmsrunbook.preflight;

/** The outcome of one preflight check: FAIL stops the migration, WARN is reported, PASS is fine. */
public enum CheckStatus { PASS, WARN, FAIL }
