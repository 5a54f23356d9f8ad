package dmsrunbook.preflight;

import com.fasterxml.jackson.databind.JsonNode;

/** What DMS does to an existing target table before the full load ({@code FullLoadSettings.TargetTablePrepMode}). */
public enum TargetPrepMode {
    DROP_AND_CREATE, TRUNCATE_BEFORE_LOAD, DO_NOTHING;

    /** The task's mode, DMS's default (DROP_AND_CREATE) when unset. */
    public static TargetPrepMode fromTaskSettings(JsonNode taskSettings) {
        String mode = taskSettings == null ? "" : taskSettings.path("FullLoadSettings").path("TargetTablePrepMode").asText("");
        for (TargetPrepMode value : values()) {
            if (value.name().equals(mode)) {
                return value;
            }
        }
        return DROP_AND_CREATE;
    }
}
