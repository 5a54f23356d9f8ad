package dmsrunbook.schema.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import dmsrunbook.spec.TargetPlatformKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runbook's list of the extensions Amazon RDS and Aurora PostgreSQL offer per major version, read from
 * {@code assessment/supported-extensions.json} (dated, its sources and its completeness written in it). An extension a
 * complete list lacks is not offered; one an incomplete list lacks, or a version without a list, is unknown.
 */
public final class SupportedExtensions {

    private static final String RESOURCE = "/assessment/supported-extensions.json";
    /** Installed in every PostgreSQL database: no list needs to name it. */
    private static final String BUILT_IN = "plpgsql";

    private final JsonNode data;

    private SupportedExtensions(JsonNode data) {
        this.data = data;
    }

    /** The list shipped with the runbook. */
    public static SupportedExtensions shipped() {
        try (InputStream in = SupportedExtensions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runbook's jar");
            }
            return new SupportedExtensions(Json.tree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The date the lists were read from their sources. */
    public String retrieved() {
        return data.path("retrieved").asText();
    }

    /** Whether {@code platform} in {@code majorVersion} offers {@code extension}, by this list. */
    public ExtensionOffer offer(TargetPlatformKind platform, int majorVersion, String extension) {
        if (extension.equals(BUILT_IN)) {
            return ExtensionOffer.offered("built into PostgreSQL");
        }
        Optional<JsonNode> list = list(platform, majorVersion);
        String where = platform.words() + " " + majorVersion;
        if (list.isEmpty()) {
            return ExtensionOffer.unknown("the runbook has no list of the extensions " + where + " offers (lists dated "
                    + retrieved() + ")");
        }
        boolean complete = list.get().path("complete").asBoolean(false);
        if (names(list.get()).contains(extension)) {
            return ExtensionOffer.offered("listed for " + where + " (" + retrieved() + ")");
        }
        return complete
                ? ExtensionOffer.notOffered("not in the list of extensions " + where + " offers (" + list.get().path("from").asText()
                        + ", " + retrieved() + ")")
                : ExtensionOffer.unknown("not in the runbook's incomplete list for " + where + " (" + retrieved() + ")");
    }

    /** The versions of {@code platform} whose list names {@code extension}, for a fix that says where it is offered. */
    public Set<Integer> versionsOffering(TargetPlatformKind platform, String extension) {
        Set<Integer> versions = new TreeSet<>();
        data.path("platforms").path(platform.value()).fields().forEachRemaining(entry -> {
            if (names(entry.getValue()).contains(extension)) {
                versions.add(Integer.parseInt(entry.getKey()));
            }
        });
        return versions;
    }

    private Optional<JsonNode> list(TargetPlatformKind platform, int majorVersion) {
        JsonNode node = data.path("platforms").path(platform.value()).path(String.valueOf(majorVersion));
        return node.isObject() ? Optional.of(node) : Optional.empty();
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new HashSet<>();
        list.path("extensions").forEach(name -> names.add(name.asText()));
        return names;
    }
}
