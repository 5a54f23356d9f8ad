package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One side of the migration. Databases need host, database and a Secrets Manager secret (the preflight and the
 * row counts connect with it; DMS reads the same secret itself); {@code endpointArn} reuses a DMS endpoint that
 * already exists instead of creating one. {@code dmsSettings} are the engine's DMS endpoint settings
 * ({@code PostgreSQLSettings}, {@code MySQLSettings}, {@code S3Settings}) exactly as DMS spells them.
 */
public record EndpointSpec(
        DatabaseEngine engine,
        String host,
        Integer port,
        String database,
        SslMode sslMode,
        String secretArn,
        String endpointArn,
        JsonNode dmsSettings) {

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
