package dmsrunbook.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A source schema at one moment, small enough for the workflow's state: a SHA-256 over every object of the selected
 * schemas with its full definition (function, view, trigger and rule bodies included), how many objects there were,
 * and when it was taken. Two fingerprints differ when any DDL changed an object; a sequence handing out values does
 * not change it.
 */
public record SchemaFingerprint(String hash, int objects, Instant takenAt) {

    /** The fingerprint of an inventory whose definitions are complete (same server: same text for the same object). */
    public static SchemaFingerprint of(SchemaCatalog catalog, Instant takenAt) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (SchemaObject object : catalog.objects()) {
            // The object and its definition, each ended by a byte no name or definition holds, so no two inventories run together.
            digest.update((object.kind().name() + '\u0000' + object.name().schema() + '\u0000' + object.name().name() + '\u0000'
                    + object.member() + '\u0000' + catalog.definition(object) + '\u0001').getBytes(StandardCharsets.UTF_8));
        }
        return new SchemaFingerprint(HexFormat.of().formatHex(digest.digest()), catalog.objects().size(), takenAt);
    }

    /** Whether {@code other} is the same schema (taken at any time). */
    public boolean sameSchemaAs(SchemaFingerprint other) {
        return other != null && hash.equals(other.hash);
    }

    /** The first 12 hex digits, for messages. */
    public String shortHash() {
        return hash.substring(0, 12);
    }
}
