package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.lake.catalog.GlueCatalog;
import dmsrunbook.lake.commit.CommitFaults;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsWorkload;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeExpectations;
import dmsrunbook.lake.testing.MotoLake;
import dmsrunbook.lake.testing.MotoLakeIT;
import dmsrunbook.lake.testing.SourceColumn;
import dmsrunbook.lake.testing.SourceColumn.PgType;
import dmsrunbook.lake.testing.SourceTable;
import dmsrunbook.lake.testing.TestLambdaContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Bad files are set aside with a reason and an alert; everything else still gets through. */
class BadInputIT extends MotoLakeIT {

    private static final SourceTable ORDERS = SourceTable.orders();
    private static final DmsEndpointShape SHAPE = DmsEndpointShape.defaults();
    private static final DmsWorkload WORKLOAD = new DmsWorkload(5, 300, 150, 6, 80, 0.15, 0.25, 0.2);
    @Test
    void corruptTruncatedUnknownAndIncompatibleFiles_areQuarantinedWithAlerts_andTheGoodFilesStillMakeTheTable() throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsFileGenerator.Generated good = new DmsFileGenerator(SHAPE, ORDERS, true).generate(WORKLOAD, dir.resolve("good"));
        LocalDateTime later = DmsFileGenerator.after(WORKLOAD);

        // A file of random bytes, a real CDC file cut in half, a table nobody configured, a column whose type changed
        String corrupt = "dms/public/orders/20261121-0100000000.parquet";
        DmsFileGenerator.Generated other = new DmsFileGenerator(SHAPE, ORDERS, false).generate(WORKLOAD, dir.resolve("other"));
        byte[] whole = Files.readAllBytes(other.files().get(other.files().size() - 1).file());
        String truncated = "dms/public/orders/20261121-0200000000.parquet";
        SourceTable unknown = new SourceTable("public", "audit_log", ORDERS.columns());
        GeneratedFile unknownFile = new DmsFileGenerator(SHAPE, unknown, false).writeCdc(dir.resolve("unknown"), later,
                List.of("I"), List.<Object[]>of(row(1L)));
        List<SourceColumn> changed = new ArrayList<>(ORDERS.columns());
        changed.set(3, new SourceColumn("quantity", PgType.TEXT, false));
        Object[] changedRow = row(1L);
        changedRow[3] = "twelve";
        GeneratedFile typeChanged = new DmsFileGenerator(SHAPE, new SourceTable("public", "orders", changed), false)
                .writeCdc(dir.resolve("changed"), later.plusSeconds(60), List.of("U"), List.<Object[]>of(changedRow));
        String strayName = "dms/public/orders/notes-for-the-team.parquet";

        lake.upload(good.files());
        put(lake, corrupt, "this is not parquet at all".getBytes());
        put(lake, truncated, Arrays.copyOf(whole, whole.length / 2));
        lake.upload(List.of(unknownFile, typeChanged));
        put(lake, strayName, new byte[] {1, 2, 3});

        lake.drain(lake.handler(CommitFaults.NONE), 100);

        // THEN the good changes made the table exactly
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, good.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, good.files(), dir);
        // AND each bad file sits in quarantine with its reason, and left the DMS folder
        List<String> bad = List.of(corrupt, truncated, unknownFile.key(), typeChanged.key(), strayName);
        for (String key : bad) {
            assertThat(lake.keys("quarantine/" + key)).contains("quarantine/" + key, "quarantine/" + key + ".reason.txt");
        }
        assertThat(lake.keys("dms/")).isEmpty();
        assertThat(lake.text("quarantine/" + corrupt + ".reason.txt")).contains("not a readable Parquet file").contains("fix:");
        assertThat(lake.text("quarantine/" + unknownFile.key() + ".reason.txt")).contains("public.audit_log is not configured")
                .contains("LAKE_TABLES");
        assertThat(lake.text("quarantine/" + typeChanged.key() + ".reason.txt"))
                .contains("column quantity changed from INT32 INTEGER(32,true) to BINARY STRING");
        assertThat(lake.text("quarantine/" + strayName + ".reason.txt")).contains("neither LOAD");
        // AND one alert per bad file names it
        List<String> alerts = lake.alerts();
        assertThat(alerts).hasSize(bad.size());
        for (String key : bad) {
            assertThat(alerts).anySatisfy(alert -> assertThat(alert).contains(key));
        }
    }

    @Test
    void newSourceColumnMidStream_isAddedToBothGlueTables_andOlderRowsReadItAsNull() throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(SHAPE, ORDERS, true).generate(WORKLOAD, dir.resolve("dms"));
        lake.upload(generated.files());
        lake.drain(lake.handler(CommitFaults.NONE), 100);

        // WHEN the source gains a column and DMS writes it in the next CDC file
        SourceTable widened = ORDERS.withColumn(new SourceColumn("discount", PgType.DOUBLE, true));
        Map<Long, Object[]> expected = new HashMap<>();
        generated.contents().forEach((id, values) -> expected.put(id, Arrays.copyOf(values, values.length + 1)));
        Long updated = expected.keySet().iterator().next();
        Object[] updatedRow = Arrays.copyOf(row(updated), widened.columns().size());
        updatedRow[updatedRow.length - 1] = 12.5;
        Object[] inserted = Arrays.copyOf(row(900_000L), widened.columns().size());
        inserted[inserted.length - 1] = 3.25;
        expected.put(updated, updatedRow);
        expected.put(900_000L, inserted);
        GeneratedFile next = new DmsFileGenerator(SHAPE, widened, false).writeCdc(dir.resolve("next"), DmsFileGenerator.after(WORKLOAD),
                List.of("U", "I"), List.<Object[]>of(updatedRow, inserted));
        lake.upload(List.of(next));
        lake.drain(lake.handler(CommitFaults.NONE), 100);

        LakeExpectations.currentTableEqualsSource(lake, widened, expected, dir);
        for (String table : List.of(GlueCatalog.changesTableName("public", "orders"), GlueCatalog.currentTableName("public", "orders"))) {
            var columns = aws.glue.getTable(b -> b.databaseName(lake.settings.glueDatabase()).name(table)).table().storageDescriptor().columns();
            assertThat(columns).extracting(c -> c.name() + " " + c.type()).contains("discount double");
        }
        assertThat(lake.keys("quarantine/")).isEmpty();
    }

    private static Object[] row(long id) {
        return new Object[] {id, "customer-x", new java.math.BigDecimal("10.50"), 12, 1.5, true,
                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6000), java.time.LocalDate.of(1990, 5, 6), null, -7,
                new java.math.BigDecimal("12345678901234567890123.4567")};
    }

    private static void put(MotoLake.Stack lake, String key, byte[] bytes) {
        aws.s3.putObject(b -> b.bucket(lake.bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    @Test
    void unknownTableNotificationDeliveredTwice_isQuarantinedOnce_andTheRedeliverySucceeds() throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        SourceTable unknown = new SourceTable("public", "audit_log", ORDERS.columns());
        GeneratedFile file = new DmsFileGenerator(SHAPE, unknown, false).writeCdc(dir.resolve("unknown"),
                DmsFileGenerator.after(WORKLOAD), List.of("I"), List.<Object[]>of(row(1L)));
        lake.upload(List.of(file));
        var messages = lake.takeAllMessages();
        var handler = lake.handler(CommitFaults.NONE);

        for (int delivery = 0; delivery < 2; delivery++) {
            var event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
            event.setRecords(messages);
            assertThat(handler.handleRequest(event, dmsrunbook.lake.testing.TestLambdaContext.create()).getBatchItemFailures())
                    .as("delivery %d", delivery + 1).isEmpty();
        }

        assertThat(lake.keys("quarantine/")).containsExactlyInAnyOrder("quarantine/" + file.key(), "quarantine/" + file.key() + ".reason.txt");
        assertThat(lake.alerts()).hasSize(1);
    }

    @Test
    void aColumnRenamedOnTheSource_isQuarantinedWithAnAlert_likeATypeChange_andTheTableKeepsItsColumns() throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(SHAPE, ORDERS, true).generate(WORKLOAD, dir.resolve("dms"));
        lake.upload(generated.files());
        lake.drain(lake.handler(CommitFaults.NONE), 100);

        // WHEN the source renames customer to client and DMS writes the next change under the new name, in its place
        List<SourceColumn> columns = new ArrayList<>(ORDERS.columns());
        columns.set(1, new SourceColumn("client", PgType.TEXT, false));
        GeneratedFile renamed = new DmsFileGenerator(SHAPE, new SourceTable("public", "orders", columns), false)
                .writeCdc(dir.resolve("renamed"), DmsFileGenerator.after(WORKLOAD), List.of("I"), List.<Object[]>of(row(900_000L)));
        lake.upload(List.of(renamed));
        lake.drain(lake.handler(CommitFaults.NONE), 100);

        // THEN the file is set aside with the rename named, one alert says so, and the table is as before
        assertThat(lake.text("quarantine/" + renamed.key() + ".reason.txt")).contains("column customer seems renamed to client")
                .contains("fix:");
        assertThat(lake.alerts()).singleElement().satisfies(alert -> assertThat(alert).contains(renamed.key()).contains("renamed"));
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, generated.contents(), dir);
        var glueColumns = aws.glue.getTable(b -> b.databaseName(lake.settings.glueDatabase())
                .name(GlueCatalog.currentTableName("public", "orders"))).table().storageDescriptor().columns();
        assertThat(glueColumns).extracting(c -> c.name()).contains("customer").doesNotContain("client");
    }

    @Test
    void dmsCsvOutputInTheDmsFolder_isQuarantinedWithAnAlertNamingTheEndpointSetting() throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        String csv = "dms/public/orders/LOAD00000001.csv";
        put(lake, csv, "1,customer-1,10.50,12,1.5,t,2026-01-02 03:04:05.000006,,,7,\n".getBytes());

        lake.drain(lake.handler(CommitFaults.NONE), 100);

        assertThat(lake.keys("quarantine/")).containsExactlyInAnyOrder("quarantine/" + csv, "quarantine/" + csv + ".reason.txt");
        assertThat(lake.text("quarantine/" + csv + ".reason.txt")).contains("DMS CSV output").contains("DataFormat parquet");
        assertThat(lake.alerts()).singleElement().satisfies(alert -> assertThat(alert).contains(csv).contains("DataFormat parquet"));
        assertThat(lake.keys("dms/")).isEmpty();
    }

    @Test
    void aHandMadeMessageWithALiteralPercentInAKey_failsAlone_andTheRestOfTheBatchIsTakenIn() throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(SHAPE, ORDERS, true).generate(WORKLOAD, dir.resolve("dms"));
        lake.upload(generated.files());
        List<SQSEvent.SQSMessage> batch = new ArrayList<>(lake.takeAllMessages());
        // S3 would have sent 100%25: a literal '%' is no URL encoding.
        SQSEvent.SQSMessage handMade = lake.handMadeCreationNotice("dms/public/orders/100%_done.parquet");
        batch.add(batch.size() / 2, handMade);

        SQSEvent event = new SQSEvent();
        event.setRecords(batch);
        SQSBatchResponse response = lake.handler(CommitFaults.NONE).handleRequest(event, TestLambdaContext.create());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(handMade.getMessageId());
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, generated.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, generated.files(), dir);
    }
}
