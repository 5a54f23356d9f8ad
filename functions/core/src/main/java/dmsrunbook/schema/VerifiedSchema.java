package dmsrunbook.schema;

/**
 * A comparison of the target's schema with the source's, and the fingerprint of the source's schema as that
 * comparison read it (the same catalog snapshot), so a later change on the source is measured from what was compared.
 */
public record VerifiedSchema(SchemaVerification verification, SchemaFingerprint source) {
}
