package dmsrunbook.database.postgres;

import dmsrunbook.database.postgres.PostgresAssessmentFacts.ColumnType;
import dmsrunbook.database.postgres.PostgresAssessmentFacts.EventTrigger;
import dmsrunbook.database.postgres.PostgresAssessmentFacts.Grant;
import dmsrunbook.database.postgres.PostgresAssessmentFacts.Owned;
import dmsrunbook.database.postgres.PostgresCatalog.Column;
import dmsrunbook.database.postgres.PostgresCatalog.Constraint;
import dmsrunbook.database.postgres.PostgresCatalog.Function;
import dmsrunbook.database.postgres.PostgresCatalog.Sequence;
import dmsrunbook.database.postgres.PostgresCatalog.Table;
import dmsrunbook.database.postgres.PostgresCatalog.Trigger;
import dmsrunbook.database.postgres.PostgresCatalog.View;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.ByteSizes;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.preflight.LobPolicy;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.assessment.AssessedKind;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentClass;
import dmsrunbook.schema.assessment.AssessmentContext;
import dmsrunbook.schema.assessment.ExtensionOffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Classifies every object of a PostgreSQL source's selected schemas for a migration: each object the schema step's
 * plan creates, each column of the selected tables, the owners and grants, the large objects and event triggers, and
 * what the plan names but does not create. Each gets one {@link AssessmentClass}, with what the runbook does or the
 * fix. The DMS engine adds DMS's own limits: the source types DMS does not migrate (DMS's table, {@link
 * PostgresDmsTypes}), LOB columns under the task's LOB mode, and tables DMS cannot capture.
 */
public final class PostgresSchemaAssessment {

    private static final Set<String> PLAIN_LANGUAGES = Set.of("sql", "plpgsql", "internal");
    /** DMS's own event trigger on a source it captures DDL from: it belongs to DMS, not to the application. */
    private static final String DMS_EVENT_TRIGGER_PREFIX = "awsdms_";

    private final PostgresCatalog catalog;
    private final SchemaPlan plan;
    private final PostgresAssessmentFacts facts;
    private final AssessmentContext context;
    private final PostgresDmsTypes dmsTypes;
    private final Map<ObjectName, Table> tables = new HashMap<>();
    private final Map<Long, Table> tablesByOid = new HashMap<>();
    private final Map<ObjectName, View> views = new HashMap<>();
    private final Set<TableName> selected;
    private final List<AssessedObject> objects = new ArrayList<>();

    private PostgresSchemaAssessment(PostgresCatalog catalog, SchemaPlan plan, PostgresAssessmentFacts facts, AssessmentContext context,
                                     PostgresDmsTypes dmsTypes) {
        this.catalog = catalog;
        this.plan = plan;
        this.facts = facts;
        this.context = context;
        this.dmsTypes = dmsTypes;
        catalog.tables().forEach(t -> {
            tables.put(t.name(), t);
            tablesByOid.put(t.oid(), t);
        });
        catalog.views().forEach(v -> views.put(v.name(), v));
        this.selected = new HashSet<>(context.selectedTables());
    }

    /** Every object of the catalog's schemas, classified for the migration {@code context} describes. */
    public static List<AssessedObject> classify(PostgresCatalog catalog, PostgresAssessmentFacts facts, AssessmentContext context,
                                                PostgresDmsTypes dmsTypes) {
        return new PostgresSchemaAssessment(catalog, PostgresDdl.plan(catalog), facts, context, dmsTypes).classify();
    }

    private List<AssessedObject> classify() {
        for (SchemaSection section : SchemaSection.values()) {
            // Identity sequences come with their tables, not as statements of their own: every sequence is taken below.
            plan.created(section).stream().filter(o -> o.kind() != ObjectKind.SEQUENCE).forEach(this::planned);
        }
        catalog.sequences().forEach(this::sequence);
        columns();
        dmsTableLimits();
        largeObjects();
        eventTriggers();
        owners();
        grants();
        notCarried();
        return List.copyOf(objects);
    }

    // ------------------------------------------------------------------ what the schema step creates

    private void planned(SchemaObject object) {
        if (context.rowsOnly()) {
            rowsOnlyTarget(object);
            return;
        }
        if (context.heterogeneousTarget() && object.kind() != ObjectKind.TABLE && object.kind() != ObjectKind.PARTITION) {
            add(kind(object), name(object), AssessmentClass.NEEDS_PERSON, "the target is another database engine: DMS creates tables only",
                    "convert it with AWS SCT or DMS Schema Conversion and create it on the target");
            return;
        }
        switch (object.kind()) {
            case EXTENSION -> extension(object);
            case TABLE, PARTITION -> table(tables.get(object.name()));
            case MATERIALIZED_VIEW -> add(AssessedKind.MATERIALIZED_VIEW, name(object), AssessmentClass.CUTOVER_ACTION,
                    "created WITH NO DATA by the schema step" + (context.usesDms() ? "; " + quoted("materializedViews") : ""),
                    "refreshed on the target at the cutover (CONCURRENTLY where a unique index allows)");
            case FUNCTION, PROCEDURE -> function(object);
            case TRIGGER -> trigger(object);
            case FOREIGN_KEY -> foreignKey(object);
            case INDEX -> index(object);
            case RULE -> add(AssessedKind.RULE, name(object), AssessmentClass.CREATED,
                    "rewrites the application's statements on the target; like an ordinary trigger it does not act on replicated rows",
                    "created by the schema step");
            default -> add(kind(object), name(object), AssessmentClass.CREATED, created(object), "created by the schema step");
        }
    }

    private void rowsOnlyTarget(SchemaObject object) {
        if (object.kind() == ObjectKind.TABLE || object.kind() == ObjectKind.PARTITION) {
            Table table = tables.get(object.name());
            if (table != null && selected.contains(tableName(table))) {
                add(table.isPartition() ? AssessedKind.PARTITION : AssessedKind.TABLE, object.name().toString(), AssessmentClass.CARRIED,
                        "its rows are written to S3 by DMS", "nothing to do");
                return;
            }
        }
        add(kind(object), name(object), AssessmentClass.NOT_SUPPORTED, "an S3 target holds rows only", "nothing to do")
                .replaceStatus(CheckStatus.PASS);
    }

    private String created(SchemaObject object) {
        return switch (object.kind()) {
            case SCHEMA -> "created by the schema step";
            case COLLATION -> catalog.collations().stream().filter(c -> c.name().equals(object.name())).findFirst()
                    .map(c -> (c.provider() == 'i' ? "ICU collation " + c.locale() : "libc collation " + c.collate())
                            + (c.deterministic() ? "" : ", nondeterministic")).orElse("collation");
            case VIEW -> "a view: holds no rows";
            case PRIMARY_KEY, UNIQUE_CONSTRAINT, EXCLUSION_CONSTRAINT, CHECK_CONSTRAINT -> object.kind().words()
                    + (object.kind() == ObjectKind.PRIMARY_KEY ? ", created with its table" : ", built after the rows are loaded");
            default -> object.kind().words() + ", created from the source's definition";
        };
    }

    private void extension(SchemaObject object) {
        String extension = object.name().name();
        ExtensionOffer offer = context.extensions().offer(extension);
        String name = ObjectName.display(extension);
        switch (offer.availability()) {
            case OFFERED -> add(AssessedKind.EXTENSION, name, AssessmentClass.CREATED, "offered by the target (" + offer.source() + ")",
                    "CREATE EXTENSION by the schema step" + (context.platform().kind().isManagedByAws() ? " (as rds_superuser, or any user for a trusted extension)" : ""));
            case NOT_OFFERED -> {
                Set<Integer> elsewhere = context.extensions().versionsOffering(extension);
                add(AssessedKind.EXTENSION, name, AssessmentClass.NOT_SUPPORTED, context.platform().describe() + " does not offer it: " + offer.source(),
                        "remove what uses " + extension + " from the source schema, or migrate to a target that offers it"
                                + (elsewhere.isEmpty() ? "" : " (the runbook's list has it for " + context.platform().kind().words() + " "
                                + elsewhere.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
            }
            case NOT_ALLOWED -> add(AssessedKind.EXTENSION, name, AssessmentClass.NEEDS_PERSON, offer.source(),
                    "add " + extension + " to rds.allowed_extensions in the target's DB parameter group");
            case UNKNOWN -> add(AssessedKind.EXTENSION, name, AssessmentClass.NEEDS_PERSON, "not known whether "
                    + context.platform().describe() + " offers it: " + offer.source(),
                    "check SHOW rds.extensions (or pg_available_extensions) on the target before the migration");
        }
    }

    private void sequence(Sequence sequence) {
        String name = sequence.name().toString();
        if (context.rowsOnly()) {
            add(AssessedKind.SEQUENCE, name, AssessmentClass.NOT_SUPPORTED, "an S3 target holds rows only", "nothing to do")
                    .replaceStatus(CheckStatus.PASS);
            return;
        }
        if (context.heterogeneousTarget()) {
            add(AssessedKind.SEQUENCE, name, AssessmentClass.NEEDS_PERSON, "the target is another database engine: DMS creates tables only",
                    "create its counterpart on the target and set it past the migrated values at the cutover");
            return;
        }
        String use = switch (sequence.ownership()) {
            case IDENTITY -> "of identity column " + sequence.table() + "." + ObjectName.display(sequence.column());
            case OWNED -> "owned by " + sequence.table() + "." + ObjectName.display(sequence.column());
            case NONE -> "owned by no column (used by DEFAULT nextval, by the application, or by nothing)";
        };
        add(AssessedKind.SEQUENCE, name, AssessmentClass.CUTOVER_ACTION,
                "neither replication engine carries sequence values; " + use,
                "set by name from the source's value at the cutover (is_called kept, never moved backwards)");
    }

    private void table(Table table) {
        if (table == null) {
            return;
        }
        String name = table.name().toString();
        AssessedKind kind = table.partitioned() ? AssessedKind.PARTITIONED_TABLE : table.isPartition() ? AssessedKind.PARTITION : AssessedKind.TABLE;
        if (!selected.contains(tableName(table))) {
            add(kind, name, AssessmentClass.CREATED, "in a selected schema but not selected by the table mappings: created empty",
                    "created by the schema step; select it in the mappings if its rows must move");
            return;
        }
        if (table.partitioned()) {
            if (context.usesDms() && selectedPartitions(table)) {
                add(kind, name, AssessmentClass.NEEDS_PERSON, "DMS reads a parent table without ONLY, so rows of partitions that are also "
                                + "selected would arrive twice; " + quoted("partitionedTables"),
                        "exclude " + name + " from the table mappings (rule-action exclude) and let its partitions carry the rows");
            } else {
                add(kind, name, AssessmentClass.CREATED, "partitioned by " + table.partitionKey() + ": holds no rows itself; its partitions carry them",
                        "created partitioned by the schema step");
            }
            return;
        }
        if (table.unlogged()) {
            unloggedTable(kind, name);
            return;
        }
        if (context.capturesChanges() && !hasPrimaryKey(table)) {
            char identity = facts.replicaIdentities().getOrDefault(table.oid(), 'd');
            if (identity == 'f' || identity == 'i') {
                add(kind, name, AssessmentClass.CARRIED, "no primary key: changes are captured through REPLICA IDENTITY "
                                + (identity == 'f' ? "FULL (every column of the old row: slower)" : "USING INDEX"),
                        "carried by " + context.engineWords() + "; add a primary key where you can").replaceStatus(CheckStatus.WARN);
            } else {
                add(kind, name, AssessmentClass.NEEDS_PERSON, "no primary key and no replica identity: "
                                + (context.usesDms() ? "DMS ignores its UPDATEs and DELETEs (" + quoted("primaryKeyForCdc") + ")"
                                : "once it is published, the source refuses its UPDATEs and DELETEs"),
                        "add a primary key, or ALTER TABLE " + name + " REPLICA IDENTITY FULL;").replaceStatus(CheckStatus.FAIL);
            }
            return;
        }
        add(kind, name, AssessmentClass.CARRIED, "its rows are carried by " + context.engineWords()
                        + (context.capturesChanges() ? " (initial copy, then changes)" : " (one copy)"),
                "nothing to do; the row counts compare it before and after the cutover");
    }

    private void unloggedTable(AssessedKind kind, String name) {
        if (!context.capturesChanges()) {
            add(kind, name, AssessmentClass.CARRIED, "unlogged: DMS's full load copies its rows once", "nothing to do");
        } else if (context.usesDms()) {
            add(kind, name, AssessmentClass.NEEDS_PERSON, "unlogged: its changes are not written to the WAL, so DMS's full load copies "
                            + "its rows once and no later change reaches the target",
                    "ALTER TABLE " + name + " SET LOGGED; before the migration if its rows matter, or let the application refill it after the cutover");
        } else {
            add(kind, name, AssessmentClass.NEEDS_PERSON, "unlogged: logical replication cannot publish it (its changes are not written "
                            + "to the WAL), so creating the publication would fail",
                    "exclude it from the table mappings (rule-action exclude) and let the application refill it after the cutover, "
                            + "or ALTER TABLE " + name + " SET LOGGED; on the source").replaceStatus(CheckStatus.FAIL);
        }
    }

    private void function(SchemaObject object) {
        AssessedKind kind = object.kind() == ObjectKind.PROCEDURE ? AssessedKind.PROCEDURE : AssessedKind.FUNCTION;
        Function function = catalog.functions().stream()
                .filter(f -> f.name().equals(object.name()) && f.arguments().equals(object.member())).findFirst().orElse(null);
        String language = function == null ? "sql" : facts.functionLanguages().getOrDefault(function.oid(), "sql");
        String name = name(object);
        if (PLAIN_LANGUAGES.contains(language)) {
            add(kind, name, AssessmentClass.CREATED, "LANGUAGE " + language + ": its body is copied as the source has it",
                    "created by the schema step; read it once for what it does on the target");
        } else if (language.equals("c")) {
            if (context.platform().kind().isManagedByAws()) {
                add(kind, name, AssessmentClass.NOT_SUPPORTED, "LANGUAGE c: it needs its shared library on the server, and "
                        + context.platform().kind().words() + " loads only the libraries of the extensions it offers",
                        "replace it with SQL or PL/pgSQL, or with an extension the target offers");
            } else {
                add(kind, name, AssessmentClass.NEEDS_PERSON, "LANGUAGE c: it needs its shared library on the target server",
                        "install the library on the target before the schema step");
            }
        } else {
            ExtensionOffer offer = context.extensions().offer(language);
            switch (offer.availability()) {
                case OFFERED -> add(kind, name, AssessmentClass.CREATED, "LANGUAGE " + language + ", which the target offers",
                        "created by the schema step once CREATE EXTENSION " + language + " ran");
                case NOT_OFFERED -> add(kind, name, AssessmentClass.NOT_SUPPORTED, "LANGUAGE " + language + ": "
                        + context.platform().describe() + " does not offer it (" + offer.source() + ")", "rewrite it in SQL or PL/pgSQL");
                default -> add(kind, name, AssessmentClass.NEEDS_PERSON, "LANGUAGE " + language + ": " + offer.source(),
                        "make sure the target offers " + language + " (SHOW rds.extensions), or rewrite it in PL/pgSQL");
            }
        }
    }

    private void trigger(SchemaObject object) {
        Trigger trigger = catalog.triggers().stream().filter(t -> t.table().equals(object.name()) && t.name().equals(object.member()))
                .findFirst().orElse(null);
        char enabled = trigger == null ? 'O' : trigger.enabled();
        String name = name(object);
        if (enabled == 'D') {
            add(AssessedKind.TRIGGER, name, AssessmentClass.CREATED, "disabled on the source: created disabled", "created by the schema step");
        } else if (enabled == 'A' || enabled == 'R') {
            add(AssessedKind.TRIGGER, name, AssessmentClass.NEEDS_PERSON, "ENABLE " + (enabled == 'A' ? "ALWAYS" : "REPLICA")
                            + ": it fires for the replicated rows too, acting a second time on the target",
                    "keep it disabled on the target until the cutover (ALTER TABLE ... DISABLE TRIGGER), then enable it as on the source");
        } else if (context.usesDms() && !context.dmsAppliesAsReplica()) {
            add(AssessedKind.TRIGGER, name, AssessmentClass.NEEDS_PERSON, "fires for every row DMS writes unless the target endpoint "
                            + "applies them as session_replication_role = replica",
                    "set the target's dmsSettings AfterConnectScript to \"SET session_replication_role = replica\"");
        } else {
            add(AssessedKind.TRIGGER, name, AssessmentClass.CREATED, "created by the schema step; it does not fire for replicated rows "
                    + "(applied as session_replication_role = replica), only for the application's writes after the cutover", "nothing to do");
        }
    }

    private void foreignKey(SchemaObject object) {
        Constraint constraint = constraint(object);
        boolean deferrable = constraint != null && constraint.definition().contains("DEFERRABLE") && !constraint.definition().contains("NOT DEFERRABLE");
        if (context.usesDms() && deferrable) {
            add(AssessedKind.CONSTRAINT, name(object), AssessmentClass.NEEDS_PERSON, "a deferrable foreign key: " + quoted("deferredConstraints"),
                    "let the schema step create it after the full load, and check that DMS's apply order keeps it valid during CDC "
                            + "(or apply as session_replication_role = replica)");
        } else {
            add(AssessedKind.CONSTRAINT, name(object), AssessmentClass.CREATED, "foreign key, added NOT VALID after the load and validated",
                    "created by the schema step");
        }
    }

    private void index(SchemaObject object) {
        String definition = catalog.indexes().stream().filter(i -> i.name().equals(object.name())).map(PostgresCatalog.Index::definition)
                .findFirst().orElse("");
        if (context.usesDms() && definition.startsWith("CREATE UNIQUE") && definition.toLowerCase(Locale.ROOT).contains("coalesce(")) {
            add(AssessedKind.INDEX, name(object), AssessmentClass.NOT_SUPPORTED, "a unique index on COALESCE: " + quoted("coalesceUniqueIndex"),
                    "replace it with a unique index DMS supports (e.g. NULLS NOT DISTINCT on PostgreSQL 15+), or use engine postgres-native");
        } else {
            add(AssessedKind.INDEX, name(object), AssessmentClass.CREATED, "built after the rows are loaded", "created by the schema step");
        }
    }

    // ------------------------------------------------------------------ columns

    private void columns() {
        for (Table table : catalog.tables()) {
            if (table.isPartition() || !selected.contains(tableName(table))) {
                continue;
            }
            Map<String, ColumnType> types = facts.columnTypes().getOrDefault(table.oid(), Map.of());
            for (Column column : table.columns()) {
                column(table, column, types.get(column.name()));
            }
        }
    }

    private void column(Table table, Column column, ColumnType type) {
        String name = table.name() + "." + ObjectName.display(column.name());
        if (context.rowsOnly() || context.heterogeneousTarget()) {
            dmsColumn(AssessedKind.COLUMN, name, column, type, "its values are carried by DMS");
            return;
        }
        if (column.identity() == 'a' || column.identity() == 'd') {
            add(AssessedKind.IDENTITY_COLUMN, name, AssessmentClass.CUTOVER_ACTION, column.type() + " GENERATED "
                            + (column.identity() == 'a' ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY: values carried with the rows",
                    "its sequence is set from the source's value at the cutover");
            return;
        }
        if (column.generated()) {
            if (context.usesDms()) {
                add(AssessedKind.GENERATED_COLUMN, name, AssessmentClass.NEEDS_PERSON, "GENERATED ALWAYS AS (" + column.defaultExpression()
                                + ") STORED: the target computes it and refuses a written value, which DMS may send",
                        "remove it from the task with a transformation rule (rule-action remove-column); the target computes it");
            } else {
                add(AssessedKind.GENERATED_COLUMN, name, AssessmentClass.CREATED, "GENERATED ALWAYS AS (" + column.defaultExpression()
                        + ") STORED: logical replication leaves it out and the target computes it", "created with its table by the schema step");
            }
            return;
        }
        String fromSequence = column.defaultExpression() != null && column.defaultExpression().contains("nextval(")
                ? "; DEFAULT " + column.defaultExpression() + ": its sequence is set at the cutover" : "";
        if (context.usesDms()) {
            dmsColumn(AssessedKind.COLUMN, name, column, type, column.type() + fromSequence);
        } else {
            add(AssessedKind.COLUMN, name, AssessmentClass.CARRIED, column.type() + fromSequence, "carried with the rows");
        }
    }

    /** A column DMS moves: its type in DMS's table, LOB mode, or what DMS does not migrate. */
    private void dmsColumn(AssessedKind kind, String name, Column column, ColumnType type, String detail) {
        if (type == null) {
            add(kind, name, AssessmentClass.CARRIED, detail, "carried with the rows");
            return;
        }
        var notMigrated = dmsTypes.notMigrated(type);
        if (notMigrated.isPresent()) {
            add(kind, name, AssessmentClass.NOT_SUPPORTED, column.type() + ": \"" + notMigrated.get() + "\" (" + dmsTypes.source() + ")",
                    "move the data into a bytea column, or copy it yourself after the load");
            return;
        }
        var mapping = dmsTypes.mapping(type);
        if (mapping.isEmpty()) {
            add(kind, name, AssessmentClass.NEEDS_PERSON, column.type() + " is not in DMS's table of PostgreSQL source types ("
                            + dmsTypes.source() + "): DMS may leave it out or change its values",
                    "run DMS's premigration assessment (assessment.dmsPremigration) and test the table on a copy, or use engine postgres-native");
            return;
        }
        if (PostgresDmsTypes.isUnboundedNumeric(type) && !context.dmsKeepsUnboundedNumerics()) {
            add(kind, name, AssessmentClass.NEEDS_PERSON, column.type() + " without precision and scale: \"" + dmsTypes.limitation("unboundedNumeric") + "\"",
                    "set PostgreSQLSettings.MapUnboundedNumericAsString to true on both endpoints (dmsSettings), or give the column a precision");
            return;
        }
        if (mapping.get().isLob()) {
            add(kind, name, AssessmentClass.CARRIED, detail + "; DMS moves it as a LOB (" + mapping.get().dmsType() + ") " + lobMode(context.lobPolicy()),
                    "carried with the rows; the preflight's LOB size check compares its largest value with the task's LOB settings");
            return;
        }
        add(kind, name, AssessmentClass.CARRIED, detail + " (DMS: " + mapping.get().dmsType() + ")", "carried with the rows");
    }

    private static String lobMode(LobPolicy policy) {
        if (!policy.supportLobs()) {
            return "but the task's SupportLobs is false: DMS leaves LOB columns out";
        }
        if (policy.fullLobMode()) {
            return "in full LOB mode: values are copied whole";
        }
        return "in limited LOB mode: values over LobMaxSize (" + ByteSizes.readable(policy.lobMaxSizeKb() * 1024) + ") are truncated without an error";
    }

    // ------------------------------------------------------------------ what DMS cannot capture

    private void dmsTableLimits() {
        if (!context.usesDms()) {
            return;
        }
        Map<String, List<Table>> byFoldedName = new TreeMap<>();
        for (Table table : catalog.tables()) {
            if (!selected.contains(tableName(table))) {
                continue;
            }
            // Keyed by the quoted form: joined with a bare dot, my."schema.a" and "my.schema".a would fold together.
            byFoldedName.computeIfAbsent(new ObjectName(table.name().schema(), table.name().name().toLowerCase(Locale.ROOT)).toString(),
                    k -> new ArrayList<>()).add(table);
            if (!table.partitioned() && !hasPrimaryKey(table) && hasArrayColumn(table)) {
                add(AssessedKind.TABLE, table.name().toString(), AssessmentClass.NEEDS_PERSON,
                        "an ARRAY column and no primary key: \"" + dmsTypes.limitation("arrayNeedsPrimaryKey") + "\"",
                        "add a primary key to " + table.name()).replaceStatus(CheckStatus.FAIL);
            }
        }
        byFoldedName.values().stream().filter(same -> same.size() > 1).forEach(same -> add(AssessedKind.TABLE,
                same.stream().map(t -> t.name().toString()).collect(Collectors.joining(", ")), AssessmentClass.NEEDS_PERSON,
                "names that differ only in case: \"" + dmsTypes.limitation("caseOnlyNames") + "\"",
                "rename all but one, or migrate them with separate tasks").replaceStatus(CheckStatus.FAIL));
    }

    private boolean hasArrayColumn(Table table) {
        return facts.columnTypes().getOrDefault(table.oid(), Map.of()).values().stream().anyMatch(ColumnType::array);
    }

    // ------------------------------------------------------------------ what neither engine carries

    private void largeObjects() {
        if (facts.largeObjects() == 0) {
            return;
        }
        add(AssessedKind.LARGE_OBJECTS, facts.largeObjects() + " large object" + (facts.largeObjects() == 1 ? "" : "s")
                        + " (owned by " + String.join(", ", facts.largeObjectOwners()) + ")", AssessmentClass.NEEDS_PERSON,
                "pg_largeobject belongs to the database, not a table: neither logical replication nor DMS carries large objects",
                "copy them in the read-only window, before the application writes to the target: "
                        + "pg_dump --data-only --blobs --exclude-table='*' <source> | psql <target>");
    }

    private void eventTriggers() {
        for (EventTrigger trigger : facts.eventTriggers()) {
            if (trigger.name().startsWith(DMS_EVENT_TRIGGER_PREFIX)) {
                continue;
            }
            add(AssessedKind.EVENT_TRIGGER, ObjectName.display(trigger.name()), AssessmentClass.NEEDS_PERSON,
                    "ON " + trigger.event() + " EXECUTE FUNCTION " + trigger.function() + (trigger.enabled() == 'D' ? " (disabled)" : "")
                            + ": event triggers belong to the database; the schema step does not create them",
                    "create it on the target after the cutover (CREATE EVENT TRIGGER needs a superuser"
                            + (context.platform() != null && context.platform().kind().isManagedByAws() ? ", rds_superuser on RDS and Aurora" : "") + ")");
        }
    }

    private void owners() {
        Map<String, List<Owned>> byOwner = new LinkedHashMap<>();
        facts.owned().forEach(o -> byOwner.computeIfAbsent(o.owner(), k -> new ArrayList<>()).add(o));
        byOwner.forEach((owner, owned) -> {
            String examples = examples(owned.stream().map(o -> o.kind() + " " + o.name()).toList());
            if (owner.equals(context.targetUser())) {
                add(AssessedKind.OWNER, ObjectName.display(owner), AssessmentClass.CREATED, "owns " + owned.size() + " objects (" + examples
                        + "); the schema step creates them as " + owner + ", the same owner", "nothing to do");
            } else {
                boolean exists = context.targetRoles().contains(owner);
                add(AssessedKind.OWNER, ObjectName.display(owner), AssessmentClass.NEEDS_PERSON, "owns " + owned.size() + " objects ("
                                + examples + "); the schema step creates them as " + (context.targetUser() == null ? "the target's user" : context.targetUser()),
                        (exists ? "" : "CREATE ROLE " + ObjectName.display(owner) + " on the target; then ")
                                + "ALTER ... OWNER TO " + ObjectName.display(owner) + " for each, e.g. with REASSIGN OWNED BY <target user> TO "
                                + ObjectName.display(owner) + " after the schema step");
            }
        });
    }

    private void grants() {
        Map<String, List<Grant>> byGrantee = new LinkedHashMap<>();
        facts.grants().forEach(g -> byGrantee.computeIfAbsent(g.grantee(), k -> new ArrayList<>()).add(g));
        byGrantee.forEach((grantee, grants) -> {
            Map<String, Set<String>> privileges = new LinkedHashMap<>();
            grants.forEach(g -> privileges.computeIfAbsent(g.kind() + " " + g.name(), k -> new java.util.TreeSet<>()).add(g.privilege()));
            String examples = examples(privileges.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " on " + e.getKey()).toList());
            boolean exists = grantee.equals("PUBLIC") || context.targetRoles().contains(grantee);
            add(AssessedKind.GRANT, grantee.equals("PUBLIC") ? "PUBLIC" : ObjectName.display(grantee), AssessmentClass.NEEDS_PERSON,
                    privileges.size() + " objects grant privileges to it (" + examples + "); the schema step creates no grants",
                    (exists ? "" : "CREATE ROLE " + ObjectName.display(grantee) + " on the target; then ")
                            + "re-grant them: pg_dump --schema-only <source> | grep -E '^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES)' lists them");
        });
    }

    private void notCarried() {
        for (String line : plan.notCarried()) {
            if (line.startsWith("owners and grants")) {
                continue; // listed role by role above
            }
            int colon = line.indexOf(':');
            add(AssessedKind.OTHER, colon < 0 ? line : line.substring(0, colon), AssessmentClass.NEEDS_PERSON,
                    "the schema step does not create it", colon < 0 ? "create it on the target by hand" : line.substring(colon + 1).strip());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A line of DMS's PostgreSQL source limitations, quoted with where it comes from. */
    private String quoted(String limitation) {
        return "\"" + dmsTypes.limitation(limitation) + "\" (DMS user guide)";
    }

    private boolean selectedPartitions(Table parent) {
        return catalog.tables().stream().anyMatch(t -> t.parentOid() == parent.oid() && selected.contains(tableName(t)));
    }

    private boolean hasPrimaryKey(Table table) {
        return catalog.constraints().stream().anyMatch(c -> c.tableOid() == table.oid() && c.type() == 'p');
    }

    private Constraint constraint(SchemaObject object) {
        return catalog.constraints().stream().filter(c -> c.table().equals(object.name()) && c.name().equals(object.member()))
                .findFirst().orElse(null);
    }

    private static TableName tableName(Table table) {
        return new TableName(table.name().schema(), table.name().name());
    }

    private static String name(SchemaObject object) {
        String text = object.kind() == ObjectKind.SCHEMA ? ObjectName.display(object.name().schema())
                : object.kind() == ObjectKind.EXTENSION ? ObjectName.display(object.name().name()) : object.name().toString();
        if (object.member() == null) {
            return text;
        }
        return object.kind() == ObjectKind.FUNCTION || object.kind() == ObjectKind.PROCEDURE
                ? text + "(" + object.member() + ")" : text + "." + ObjectName.display(object.member());
    }

    private static AssessedKind kind(SchemaObject object) {
        return AssessedKind.of(object.kind());
    }

    /** The first few of a list, and how many more, for a one-line detail. */
    private static String examples(List<String> items) {
        int shown = Math.min(3, items.size());
        return String.join(", ", items.subList(0, shown)) + (items.size() > shown ? " and " + (items.size() - shown) + " more" : "");
    }

    /** Adds an object with its class's usual status; {@link Added#replaceStatus} changes it. */
    private Added add(AssessedKind kind, String name, AssessmentClass assessmentClass, String detail, String action) {
        objects.add(AssessedObject.of(kind, name, assessmentClass, detail, action));
        return new Added(objects.size() - 1);
    }

    /** The object just added, whose status a case may change. */
    private final class Added {
        private final int index;

        Added(int index) {
            this.index = index;
        }

        void replaceStatus(CheckStatus status) {
            objects.set(index, objects.get(index).withStatus(status));
        }
    }
}
