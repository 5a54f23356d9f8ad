package dmsrunbook.lake.catalog;

import dmsrunbook.error.Failures;
import dmsrunbook.lake.commit.S3Store;
import dmsrunbook.lake.commit.TableManifest;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.LakePaths;
import dmsrunbook.lake.schema.TableSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.schema.Type;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Keeps two Glue tables per source table, both over symlink manifests so Athena sees a commit all at once:
 * {@code <schema>_<table>_changes} (every change, partitioned by {@code dms_partition} like DMS's folders) and
 * {@code <schema>_<table>_current} (the table as it is now), lower case, a dot in a name made {@code _}. Columns come
 * from the Parquet footers via the manifest; new source columns are appended; partitions are added idempotently.
 */
public final class GlueCatalog {

    public static final String PARTITION_COLUMN = "dms_partition";
    private static final String SYMLINK_INPUT = "org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat";
    private static final String IGNORE_KEY_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private final GlueClient glue;
    private final String database;
    private final S3Store store;
    private final LakePaths paths;

    public GlueCatalog(GlueClient glue, String database, S3Store store, LakePaths paths) {
        this.glue = glue;
        this.database = database;
        this.store = store;
        this.paths = paths;
    }

    public static String changesTableName(String schema, String table) {
        return glueName(schema + "_" + table + "_changes");
    }

    public static String currentTableName(String schema, String table) {
        return glueName(schema + "_" + table + "_current");
    }

    /** Lower case, a dot made {@code _}: Athena reads {@code a.b} as database {@code a}, table {@code b}. */
    private static String glueName(String name) {
        return name.replace('.', '_').toLowerCase(Locale.ROOT);
    }

    /** Creates both tables, or appends columns the manifest has and they lack. */
    public void ensureTables(TableManifest manifest) {
        TableSchema schema = TableSchema.parse(manifest.columns());
        List<Column> changeColumns = new ArrayList<>();
        changeColumns.add(column(TableSchema.OP, "string"));
        changeColumns.addAll(dataColumns(schema));
        changeColumns.add(column(TableSchema.EPOCH, "int"));
        changeColumns.add(column(ChangeSequence.COLUMN, "bigint"));
        List<Column> currentColumns = new ArrayList<>(dataColumns(schema));
        currentColumns.add(column(ChangeSequence.COLUMN, "bigint"));
        ensureTable(changesTableName(manifest.schema(), manifest.table()), changeColumns, true,
                paths.changesTableLocation(manifest.schema(), manifest.table()),
                "Every DMS change to " + manifest.schema() + "." + manifest.table() + ", compacted, in (dms_epoch, dms_change_seq) order");
        ensureTable(currentTableName(manifest.schema(), manifest.table()), currentColumns, false,
                paths.currentTableLocation(manifest.schema(), manifest.table()),
                manifest.schema() + "." + manifest.table() + " as it is now, from the DMS changes");
    }

    /** Adds partitions of the changes table; ones already there are left alone. */
    public void ensurePartitions(TableManifest manifest, Collection<String> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        String table = changesTableName(manifest.schema(), manifest.table());
        List<Column> columns;
        try {
            columns = glue.getTable(b -> b.databaseName(database).name(table)).table().storageDescriptor().columns();
        } catch (SdkException e) {
            throw Failures.ofAws("Glue GetTable " + database + "." + table, e);
        }
        List<PartitionInput> inputs = new ArrayList<>();
        for (String partition : partitions) {
            inputs.add(PartitionInput.builder().values(partition)
                    .storageDescriptor(storage(columns, paths.changesPartitionLocation(manifest.schema(), manifest.table(), partition)))
                    .build());
        }
        for (int from = 0; from < inputs.size(); from += 100) {
            List<PartitionInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + 100));
            try {
                List<PartitionError> errors = glue.batchCreatePartition(b -> b.databaseName(database).tableName(table)
                        .partitionInputList(chunk)).errors();
                for (PartitionError error : errors) {
                    if (!"AlreadyExistsException".equals(error.errorDetail().errorCode())) {
                        throw new IllegalStateException("Glue BatchCreatePartition " + table + " " + error.partitionValues()
                                + " failed: " + error.errorDetail().errorCode() + ": " + error.errorDetail().errorMessage());
                    }
                }
            } catch (SdkException e) {
                throw Failures.ofAws("Glue BatchCreatePartition " + database + "." + table, e);
            }
        }
    }

    private void ensureTable(String name, List<Column> columns, boolean partitioned, String locationKey, String description) {
        TableInput input = TableInput.builder().name(name).description(description).tableType("EXTERNAL_TABLE")
                .parameters(java.util.Map.of("classification", "parquet", "dms-runbook", "lake"))
                .partitionKeys(partitioned ? List.of(column(PARTITION_COLUMN, "string")) : List.of())
                .storageDescriptor(storage(columns, locationKey)).build();
        try {
            Table existing;
            try {
                existing = glue.getTable(b -> b.databaseName(database).name(name)).table();
            } catch (EntityNotFoundException e) {
                try {
                    glue.createTable(b -> b.databaseName(database).tableInput(input));
                    return;
                } catch (AlreadyExistsException raced) {
                    existing = glue.getTable(b -> b.databaseName(database).name(name)).table();
                }
            }
            List<Column> current = existing.storageDescriptor().columns();
            // Columns are only ever added: a stale invocation with fewer columns must not shrink the table.
            if (columns.size() > current.size() && names(columns).containsAll(names(current))) {
                glue.updateTable(b -> b.databaseName(database).tableInput(input));
            }
        } catch (SdkException e) {
            throw Failures.ofAws("Glue CreateTable/UpdateTable " + database + "." + name, e);
        }
    }

    private StorageDescriptor storage(List<Column> columns, String locationKey) {
        return StorageDescriptor.builder().columns(columns).location(store.uri(locationKey))
                .inputFormat(SYMLINK_INPUT).outputFormat(IGNORE_KEY_OUTPUT)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(PARQUET_SERDE).build()).build();
    }

    private static List<Column> dataColumns(TableSchema schema) {
        List<Column> columns = new ArrayList<>();
        for (Type field : schema.columns().getFields()) {
            columns.add(column(field.getName(), AthenaTypes.of(field.asPrimitiveType())));
        }
        return columns;
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name.toLowerCase(Locale.ROOT)).type(type).build();
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
