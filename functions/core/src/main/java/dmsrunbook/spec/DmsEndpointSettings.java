package dmsrunbook.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;
import software.amazon.awssdk.services.databasemigration.model.MySQLSettings;
import software.amazon.awssdk.services.databasemigration.model.PostgreSQLSettings;
import software.amazon.awssdk.services.databasemigration.model.S3Settings;

/**
 * Turns an endpoint's {@code dmsSettings} (DMS's own PascalCase JSON, as in the console and the CLI) into the SDK's
 * settings objects, strictly: a misspelt setting is an error, not silently dropped.
 */
public final class DmsEndpointSettings {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DmsEndpointSettings() {
    }

    public static PostgreSQLSettings.Builder postgres(JsonNode settings) {
        return convert(settings, PostgreSQLSettings.serializableBuilderClass());
    }

    public static MySQLSettings.Builder mysql(JsonNode settings) {
        return convert(settings, MySQLSettings.serializableBuilderClass());
    }

    public static S3Settings.Builder s3(JsonNode settings) {
        return convert(settings, S3Settings.serializableBuilderClass());
    }

    /** The name of DMS's settings type for {@code engine} (as in its API reference). */
    public static String typeName(DatabaseEngine engine) {
        return switch (engine.family()) {
            case POSTGRES -> "PostgreSQLSettings";
            case MYSQL -> "MySQLSettings";
            case OBJECT_STORE -> "S3Settings";
        };
    }

    /** The problem with {@code settings} for {@code engine}, if DMS would not accept them. */
    public static Optional<String> problem(DatabaseEngine engine, JsonNode settings) {
        if (settings == null) {
            return Optional.empty();
        }
        try {
            switch (engine.family()) {
                case POSTGRES -> postgres(settings);
                case MYSQL -> mysql(settings);
                case OBJECT_STORE -> s3(settings);
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static <B> B convert(JsonNode settings, Class<? extends B> builderClass) {
        if (settings == null || settings.isNull()) {
            return STRICT.convertValue(STRICT.createObjectNode(), builderClass);
        }
        try {
            return STRICT.convertValue(settings, builderClass);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int quote = message.indexOf('"');
            String field = quote >= 0 ? message.substring(quote + 1, message.indexOf('"', quote + 1)) : "?";
            throw new IllegalArgumentException(message.contains("Unrecognized field")
                    ? "DMS has no setting \"" + field + "\" for this engine"
                    // Jackson's message quotes the value, which may be a secret: name the setting only.
                    : "setting \"" + settingName(e) + "\" has the wrong type");
        }
    }

    /** The setting a conversion failed on, from Jackson's path, or "?". */
    private static String settingName(IllegalArgumentException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String name = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
                return name == null ? "?" : name;
            }
        }
        return "?";
    }
}
