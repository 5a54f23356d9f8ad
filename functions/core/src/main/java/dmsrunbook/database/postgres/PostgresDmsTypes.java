package dmsrunbook.database.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.database.postgres.PostgresAssessmentFacts.ColumnType;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * How DMS maps a PostgreSQL source column, from DMS's own table ({@code assessment/dms-postgresql-source-types.json},
 * dated, its source named): the DMS type a column becomes, whether DMS moves it as a LOB, and what DMS does not
 * migrate. The names in DMS's table are matched from pg_type's names here.
 */
public final class PostgresDmsTypes {

    private static final String RESOURCE = "/assessment/dms-postgresql-source-types.json";

    /** pg_type's typname of a base type to the name DMS's table gives it. */
    private static final Map<String, String> DMS_NAMES = Map.ofEntries(
            Map.entry("int2", "SMALLINT"), Map.entry("int4", "INTEGER"), Map.entry("int8", "BIGINT"), Map.entry("numeric", "NUMERIC"),
            Map.entry("float4", "REAL"), Map.entry("float8", "DOUBLE"), Map.entry("money", "MONEY"), Map.entry("bpchar", "CHAR"),
            Map.entry("varchar", "VARCHAR"), Map.entry("text", "TEXT"), Map.entry("citext", "CITEXT"), Map.entry("bytea", "BYTEA"),
            Map.entry("timestamp", "TIMESTAMP"), Map.entry("timestamptz", "TIMESTAMP WITH TIME ZONE"), Map.entry("date", "DATE"),
            Map.entry("time", "TIME"), Map.entry("timetz", "TIME WITH TIME ZONE"), Map.entry("interval", "INTERVAL"),
            Map.entry("bool", "BOOLEAN"), Map.entry("cidr", "CIDR"), Map.entry("inet", "INET"), Map.entry("macaddr", "MACADDR"),
            Map.entry("bit", "BIT"), Map.entry("varbit", "BIT VARYING"), Map.entry("uuid", "UUID"), Map.entry("tsvector", "TSVECTOR"),
            Map.entry("tsquery", "TSQUERY"), Map.entry("xml", "XML"), Map.entry("point", "POINT"), Map.entry("line", "LINE"),
            Map.entry("lseg", "LSEG"), Map.entry("box", "BOX"), Map.entry("path", "PATH"), Map.entry("polygon", "POLYGON"),
            Map.entry("circle", "CIRCLE"), Map.entry("json", "JSON"), Map.entry("jsonb", "JSONB"), Map.entry("hstore", "HSTORE"),
            Map.entry("int4range", "INT4RANGE"), Map.entry("int8range", "INT8RANGE"), Map.entry("numrange", "NUMRANGE"),
            Map.entry("oid", "OID"));

    private final JsonNode data;

    private PostgresDmsTypes(JsonNode data) {
        this.data = data;
    }

    /** DMS's table as shipped with the runbook. */
    public static PostgresDmsTypes shipped() {
        try (InputStream in = PostgresDmsTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runbook's jar");
            }
            return new PostgresDmsTypes(Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A column as DMS sees it: the row of DMS's table it falls under and what DMS makes of it. */
    public record Mapping(String dmsName, String dmsType) {

        /** Whether DMS moves it as a LOB (CLOB, NCLOB, BLOB), under the task's LOB settings. */
        public boolean isLob() {
            return dmsType.startsWith("CLOB") || dmsType.startsWith("NCLOB") || dmsType.startsWith("BLOB");
        }
    }

    /** The row of DMS's table for this column; empty when DMS's table does not name its type. */
    public Optional<Mapping> mapping(ColumnType type) {
        String name = type.array() ? "ARRAY" : switch (type.typtype()) {
            case 'e' -> "ENUM";
            case 'c' -> "COMPOSITE";
            default -> DMS_NAMES.get(type.name());
        };
        if (name == null) {
            return Optional.empty();
        }
        JsonNode dms = data.path("types").get(name);
        return dms == null ? Optional.empty() : Optional.of(new Mapping(name, dms.asText()));
    }

    /** What DMS's guide says when it does not migrate this column's type at all. */
    public Optional<String> notMigrated(ColumnType type) {
        String name = type.array() ? null : DMS_NAMES.get(type.name());
        JsonNode said = name == null ? null : data.path("notMigrated").get(name);
        return said == null ? Optional.empty() : Optional.of(said.asText());
    }

    /** A NUMERIC without precision and scale, which DMS writes as NUMERIC(28,6). */
    public static boolean isUnboundedNumeric(ColumnType type) {
        return type.name().equals("numeric") && type.typmod() < 0;
    }

    /** One of the guide's limitations, quoted (see the resource for the keys). */
    public String limitation(String key) {
        return data.path("limitations").path(key).asText();
    }

    /** Where the table comes from and when it was read, for the report. */
    public String source() {
        return data.path("source").asText() + " (read " + data.path("retrieved").asText() + ")";
    }
}
