package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.deploy.Deployment;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalDeployment;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsWorkload;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeRows;
import dmsrunbook.lake.testing.SourceTable;
import dmsrunbook.rehearsal.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The lake as template.yaml deploys it: DMS files written to the deployed target bucket reach the lake function
 * through the bucket's notification, the queue and the event source mapping, with the environment the template
 * gives it, and become the table's current state and its Glue tables.
 */
class LakeDeploymentIT {

    private static final SourceTable ORDERS = SourceTable.orders();

    @TempDir
    Path dir;

    @Test
    void dmsFilesInTheDeployedBucket_becomeTheCurrentTable_andGlueTables_throughTheTemplatesWiring() throws Exception {
        try (LocalAws aws = LocalAws.start()) {
            // GIVEN the stack deployed with the lake switched on for one table
            Deployment stack = LocalDeployment.deploy(aws, ProjectRoot.find().resolve("template.yaml"), Map.of("LakeTables", "public.orders:id"));
            String bucket = stack.physicalId("DmsTargetBucket");
            assertThat(stack.notEmulated()).anyMatch(r -> r.startsWith("DmsTargetRole"));

            // WHEN DMS writes a full load and CDC files under the endpoint's folder
            DmsFileGenerator.Generated generated = new DmsFileGenerator(DmsEndpointShape.defaults(), ORDERS, true)
                    .generate(new DmsWorkload(7, 300, 120, 10, 60, 0.2, 0.3, 0.2), dir.resolve("dms"));
            for (GeneratedFile file : generated.files()) {
                aws.s3().putObject(b -> b.bucket(bucket).key(file.key()), RequestBody.fromFile(file.file()));
            }

            // THEN the lake takes every file in, and the current table is exactly the source table
            String manifest = "lake/tables/public/orders_current/manifest";
            // The template names DMS's role, so the lake leaves one DMS file in the folder to see DMS clearing it.
            awaitUntil(() -> keys(aws.s3(), bucket, "dms/") <= 1 && keys(aws.s3(), bucket, manifest) == 1, Duration.ofMinutes(2));
            Map<Object, Map<String, Object>> current = new HashMap<>();
            for (String uri : aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(manifest)).asUtf8String().split("\n")) {
                if (!uri.isBlank()) {
                    Path local = dir.resolve("current-" + current.size() + "-" + uri.hashCode() + ".parquet");
                    aws.s3().getObject(b -> b.bucket(bucket).key(uri.substring(("s3://" + bucket + "/").length())), local);
                    LakeRows.read(local).forEach(row -> current.put(row.get("id"), LakeRows.project(ORDERS, row)));
                    Files.delete(local);
                }
            }
            Map<Object, Map<String, Object>> expected = new HashMap<>();
            generated.contents().forEach((id, values) -> expected.put(id, LakeRows.sourceRow(ORDERS, values)));
            assertThat(current).isEqualTo(expected);
            assertThat(keys(aws.s3(), bucket, "quarantine/")).isZero();

            // AND the Glue database the template names holds the changes and current tables
            assertThat(aws.glue().getTables(b -> b.databaseName("dms_lake")).tableList()).extracting(t -> t.name())
                    .contains("public_orders_changes", "public_orders_current");
        }
    }

    private static int keys(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().size();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the lake did not take the DMS files in within " + timeout);
    }
}
