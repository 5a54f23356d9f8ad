package dmsrunbook.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
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
            // 1.5 for a whole-number setting is a mistake, not 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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
            Object built = switch (engine.family()) {
                case POSTGRES -> postgres(settings).build();
                case MYSQL -> mysql(settings).build();
                case OBJECT_STORE -> s3(settings).build();
            };
            return unknownChoice(built);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * A setting DMS takes from a fixed list (PluginName, DataFormat ...) written with a value not on it: the SDK keeps
     * such a value as UNKNOWN_TO_SDK_VERSION, and DMS would refuse the endpoint only when the workflow creates it.
     */
    private static Optional<String> unknownChoice(Object settings) {
        for (Method getter : settings.getClass().getMethods()) {
            Class<?> type = getter.getReturnType();
            if (getter.getParameterCount() != 0 || !type.isEnum() || getter.getName().endsWith("AsString")) {
                continue;
            }
            try {
                Object value = getter.invoke(settings);
                if (value != null && "UNKNOWN_TO_SDK_VERSION".equals(((Enum<?>) value).name())) {
                    String name = Character.toUpperCase(getter.getName().charAt(0)) + getter.getName().substring(1);
                    List<String> known = new ArrayList<>();
                    for (Object constant : type.getEnumConstants()) {
                        if (!"UNKNOWN_TO_SDK_VERSION".equals(((Enum<?>) constant).name())) {
                            known.add(constant.toString());
                        }
                    }
                    // DMS takes its own spellings loosely (SSE_S3 for sse-s3, as its documentation writes it).
                    String written = String.valueOf(settings.getClass().getMethod(getter.getName() + "AsString").invoke(settings));
                    if (known.stream().anyMatch(k -> loosely(k).equals(loosely(written)))) {
                        continue;
                    }
                    return Optional.of("setting \"" + name + "\" is not one of DMS's values (" + String.join(", ", known) + ")");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the SDK's " + getter.getName(), e);
            }
        }
        return Optional.empty();
    }

    private static String loosely(String value) {
        return value.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
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
