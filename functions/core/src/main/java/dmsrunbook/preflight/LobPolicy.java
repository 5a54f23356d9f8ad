package dmsrunbook.preflight;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the DMS task treats LOB columns, from its {@code TargetMetadata} settings with DMS's defaults: in limited
 * LOB mode (the default) values over {@code LobMaxSize} KB are truncated without an error.
 */
public record LobPolicy(boolean supportLobs, boolean fullLobMode, boolean limitedSizeLobMode, long lobMaxSizeKb) {

    public static final long DMS_DEFAULT_LOB_MAX_SIZE_KB = 32;

    /** The policy of a DMS task with these settings (null: DMS's defaults). */
    public static LobPolicy fromTaskSettings(JsonNode taskSettings) {
        JsonNode metadata = taskSettings == null ? null : taskSettings.get("TargetMetadata");
        if (metadata == null || !metadata.isObject()) {
            return new LobPolicy(true, false, true, DMS_DEFAULT_LOB_MAX_SIZE_KB);
        }
        boolean full = metadata.path("FullLobMode").asBoolean(false);
        return new LobPolicy(metadata.path("SupportLobs").asBoolean(true), full,
                metadata.path("LimitedSizeLobMode").asBoolean(!full),
                metadata.path("LobMaxSize").asLong(DMS_DEFAULT_LOB_MAX_SIZE_KB));
    }

    /** Native logical replication copies values whole: nothing is truncated. */
    public static LobPolicy unlimited() {
        return new LobPolicy(true, true, false, Long.MAX_VALUE);
    }

    /** Whether a value of {@code bytes} would reach the target whole. */
    public boolean keepsWhole(long bytes) {
        return !supportLobs ? bytes == 0 : fullLobMode || !limitedSizeLobMode || bytes <= lobMaxSizeKb * 1024;
    }
}
