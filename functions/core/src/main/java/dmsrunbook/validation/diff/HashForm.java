package dmsrunbook.validation.diff;

/** How a column enters a segment's checksum inside the database. */
public enum HashForm {
    /** The type's own hash function: same engine and same declared type on both sides (the fast path). */
    NATIVE,
    /** A normalised text form both databases produce alike, hashed with MD5 (the cross-engine path). */
    CANONICAL,
    /** Left out of the checksum and compared in Java on a streaming pass (cross-engine JSON: no canonical text in SQL). */
    JAVA
}
