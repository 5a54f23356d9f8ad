package dmsrunbook.schema;

import dmsrunbook.spec.MigrationSpec;

/** Takes fingerprints of a source's selected schemas, to notice DDL run on the source during the migration. */
public interface SourceSchemaFingerprints {

    /** The source's selected schemas as they are now. Only reads the source. */
    SchemaFingerprint take(MigrationSpec spec);
}
