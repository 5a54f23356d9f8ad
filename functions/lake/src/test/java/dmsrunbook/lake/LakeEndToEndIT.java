package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.catalog.GlueCatalog;
import dmsrunbook.lake.commit.CommitFaults;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DatePartitioning;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsWorkload;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeRows;
import dmsrunbook.lake.testing.MotoLake;
import dmsrunbook.lake.testing.MotoLakeIT;
import dmsrunbook.lake.testing.SourceTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Partition;

/** DMS writes a full load and CDC files to the bucket; S3 notifies SQS; the lake handler makes the lake. */
class LakeEndToEndIT extends MotoLakeIT {

    private static final SourceTable ORDERS = SourceTable.orders();
    @Test
    void dmsFilesDroppedInTheBucket_becomeCompactedChanges_theCurrentTable_andGlueTablesWithPartitions() throws Exception {
        // GIVEN DMS's output with date folders and a commit timestamp column, uploaded in the order DMS writes it
        DmsEndpointShape shape = DmsEndpointShape.defaults().withPartitioning(new DatePartitioning("YYYYMMDD", "SLASH"))
                .withTimestampColumn("commit_ts");
        MotoLake.Stack lake = aws.newStack(shape, "public.orders:id");
        DmsWorkload workload = new DmsWorkload(21, 800, 300, 14, 150, 0.15, 0.25, 0.2);
        DmsFileGenerator.Generated generated = new DmsFileGenerator(shape, ORDERS, true).generate(workload, dir.resolve("dms"));
        lake.upload(generated.files());

        // WHEN the SQS-driven handler drains the notifications
        int calls = lake.drain(lake.handler(CommitFaults.NONE), 100);

        // THEN the current-state table is exactly the source table's final contents
        assertThat(calls).isPositive();
        Map<Object, Map<String, Object>> current = new HashMap<>();
        for (Map<String, Object> row : lake.rowsBehind("lake/tables/public/orders_current/manifest", dir)) {
            assertThat(current.put(row.get("id"), LakeRows.project(ORDERS, row))).as("id %s twice", row.get("id")).isNull();
        }
        Map<Object, Map<String, Object>> expected = new HashMap<>();
        generated.contents().forEach((id, values) -> expected.put(id, LakeRows.sourceRow(ORDERS, values)));
        assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(current).isEqualTo(expected);

        // AND the changes table holds every DMS row exactly once, partitioned like DMS's date folders
        List<Map<String, Object>> changes = new ArrayList<>();
        TreeSet<String> partitions = new TreeSet<>();
        for (String key : lake.keys("lake/tables/public/orders_changes/")) {
            partitions.add(key.replaceAll(".*dms_partition=([^/]+)/manifest", "$1"));
            changes.addAll(lake.rowsBehind(key, dir));
        }
        long dmsRows = generated.files().stream().mapToLong(GeneratedFile::rows).sum();
        assertThat(changes).hasSize((int) dmsRows);
        assertThat(changes.stream().map(r -> r.get(ChangeSequence.COLUMN)).distinct().count()).isEqualTo(dmsRows);
        assertThat(partitions).containsExactly("2026-11-20", "2026-11-21");

        // AND Glue holds both tables, the changes table with those partitions, columns from the Parquet footer
        String database = lake.settings.glueDatabase();
        var changesTable = aws.glue.getTable(b -> b.databaseName(database).name(GlueCatalog.changesTableName("public", "orders"))).table();
        var currentTable = aws.glue.getTable(b -> b.databaseName(database).name(GlueCatalog.currentTableName("public", "orders"))).table();
        assertThat(changesTable.partitionKeys()).extracting(c -> c.name()).containsExactly("dms_partition");
        assertThat(changesTable.storageDescriptor().columns()).extracting(c -> c.name() + " " + c.type()).contains(
                "op string", "commit_ts string", "id bigint", "amount decimal(12,2)", "quantity int", "price double",
                "active boolean", "created_at timestamp", "birthday date", "note string", "priority smallint", "tax decimal(38,4)",
                "dms_change_seq bigint");
        assertThat(currentTable.storageDescriptor().location()).isEqualTo("s3://" + lake.bucket() + "/lake/tables/public/orders_current/");
        List<Partition> glueParts = aws.glue.getPartitions(b -> b.databaseName(database).tableName(changesTable.name())).partitions();
        assertThat(glueParts).extracting(p -> p.values().get(0)).containsExactlyInAnyOrderElementsOf(partitions);

        // AND the DMS files are gone (taken in), nothing was quarantined
        assertThat(lake.keys("dms/")).isEmpty();
        assertThat(lake.keys("quarantine/")).isEmpty();
    }

    @Test
    void oneDmsFilePerInvocation_smallPartsAreMergedAsTheyPileUp_andNothingChanges() throws Exception {
        // GIVEN a merge fan-in of 4 and one DMS file per invocation, as a quiet table sees them
        DmsEndpointShape shape = DmsEndpointShape.defaults();
        MotoLake.Stack lake = aws.newStack(shape, "public.orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(shape, ORDERS, true)
                .generate(new DmsWorkload(8, 200, 100, 12, 40, 0.2, 0.3, 0.2), dir.resolve("dms"));
        lake.upload(generated.files());
        var handler = lake.handler(CommitFaults.NONE);

        // WHEN each notification is handled on its own
        for (var message : lake.takeAllMessages()) {
            var event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
            event.setRecords(List.of(message));
            assertThat(handler.handleRequest(event, dmsrunbook.lake.testing.TestLambdaContext.create()).getBatchItemFailures()).isEmpty();
        }

        // THEN no partition keeps a pile of small files, and the tables are still exact
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lake.text("lake/manifests/public/orders.json"));
        manifest.get("changes").fields().forEachRemaining(partition ->
                assertThat(partition.getValue().size()).as("parts in %s", partition.getKey()).isLessThan(4));
        dmsrunbook.lake.testing.LakeExpectations.currentTableEqualsSource(lake, ORDERS, generated.contents(), dir);
        dmsrunbook.lake.testing.LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, generated.files(), dir);
        assertThat(lake.keys("lake/data/public/orders/changes/")).as("merged parts deleted once replaced")
                .hasSize(manifest.get("changes").findValues("key").size());
    }

    @Test
    void aTableInASchemaNamedWithADot_isKeptApartFromItsSchema_endToEnd() throws Exception {
        // GIVEN DMS's folders for my.schema.orders: dms/my.schema/orders/, and the table quoted in LAKE_TABLES
        DmsEndpointShape shape = DmsEndpointShape.defaults();
        SourceTable dotted = ORDERS.named("my.schema", "orders");
        MotoLake.Stack lake = aws.newStack(shape, "\"my.schema\".orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(shape, dotted, true)
                .generate(new DmsWorkload(31, 300, 100, 5, 60, 0.2, 0.3, 0.2), dir.resolve("dms"));
        lake.upload(generated.files());

        // WHEN the lake drains the notifications
        lake.drain(lake.handler(CommitFaults.NONE), 100);

        // THEN the table is exact under its own schema, in the manifest, the data and Glue (the dot made '_')
        dmsrunbook.lake.testing.LakeExpectations.currentTableEqualsSource(lake, dotted, generated.contents(), dir);
        dmsrunbook.lake.testing.LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, dotted, generated.files(), dir);
        assertThat(lake.manifest(dotted).schema()).isEqualTo("my.schema");
        assertThat(lake.manifest(dotted).table()).isEqualTo("orders");
        assertThat(aws.glue.getTables(b -> b.databaseName(lake.settings.glueDatabase())).tableList()).extracting(t -> t.name())
                .containsExactlyInAnyOrder("my_schema_orders_changes", "my_schema_orders_current");
        assertThat(lake.keys("dms/")).isEmpty();
        assertThat(lake.keys("quarantine/")).isEmpty();
    }
}
