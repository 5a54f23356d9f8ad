package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What only the DMS engine needs: the replication instance, the role DMS assumes to read the endpoint secrets,
 * the task settings JSON (passed to DMS as written) and what to do when the task already ran.
 */
public record DmsOptions(
        String replicationInstanceArn,
        String secretsAccessRoleArn,
        JsonNode taskSettings,
        RestartMode restartMode) {

    /** Whether the task settings turn on DMS's own row-by-row validation ({@code ValidationSettings.EnableValidation}). */
    public boolean validationEnabled() {
        return taskSettings != null && taskSettings.path("ValidationSettings").path("EnableValidation").asBoolean(false);
    }
}
