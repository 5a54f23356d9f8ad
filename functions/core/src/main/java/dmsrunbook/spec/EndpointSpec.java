package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One side of the migration. Databases need host, database and a Secrets Manager secret (the preflight and the
 * row counts connect with it; DMS reads the same secret itself); {@code endpointArn} reuses a DMS endpoint that
 * already exists instead of creating one. {@code dmsSettings} are the engine's DMS endpoint settings
 * ({@code PostgreSQLSettings}, {@code MySQLSettings}, {@code S3Settings}) exactly as DMS spells them.
 * {@code allowNonEmptyTables} (target only, absent unless written) lets the full load erase rows the target's selected
 * tables already hold, as the task's {@code TargetTablePrepMode} does; without it the preflight refuses.
 */
public record EndpointSpec(
        DatabaseEngine engine,
        String host,
        Integer port,
        String database,
        SslMode sslMode,
        String secretArn,
        String endpointArn,
        JsonNode dmsSettings,
        Boolean allowNonEmptyTables) {

    /** Whether the spec says the target's rows may be erased by the load (see the type's description). */
    public boolean allowsNonEmptyTables() {
        return Boolean.TRUE.equals(allowNonEmptyTables);
    }

    public boolean hasExistingEndpoint() {
        return endpointArn != null;
    }

    /** A name for messages and logs: engine, host and database, never credentials. */
    public String describe() {
        return engine.isDatabase()
                ? engine.value() + " " + database + "@" + host + ":" + port
                : "s3://" + (dmsSettings == null ? "?" : dmsSettings.path("BucketName").asText("?"))
                        + "/" + (dmsSettings == null ? "" : dmsSettings.path("BucketFolder").asText(""));
    }
}
