package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook assess spec.json -o report.html} from the operator's machine, on real PostgreSQL reached through
 * {@code --source-url} and {@code --target-url}: the report is one self-contained page, a real headless browser
 * (Debian's chromium, installed by cli/setup/install-deps) renders it, and the page lists the objects with their
 * classes, the FAIL with its fix, and the effort; the verb exits 3 because something cannot work.
 */
class AssessCommandIT {

    private static final String SCHEMA = """
            CREATE TYPE order_status AS ENUM ('new', 'paid');
            CREATE SEQUENCE invoice_number_seq START 1000;
            CREATE TABLE orders (id bigserial PRIMARY KEY, status order_status NOT NULL DEFAULT 'new',
                                 invoice integer DEFAULT nextval('invoice_number_seq'), total numeric(12,2));
            CREATE UNLOGGED TABLE sessions (id bigint PRIMARY KEY, token text);
            CREATE VIEW paid_orders AS SELECT * FROM orders WHERE status = 'paid';
            CREATE MATERIALIZED VIEW order_totals AS SELECT status, sum(total) AS total FROM orders GROUP BY status;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
            INSERT INTO orders (total) SELECT g FROM generate_series(1, 10) g;
            """;

    @TempDir
    Path dir;

    @Test
    void assess_writesOneSelfContainedPage_thatABrowserRendersWithEveryObjectAndItsClass() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start("assess-cli", Map.of())) {
            postgres.createDatabase("shop_source");
            postgres.createDatabase("shop_target");
            postgres.execute("shop_source", SCHEMA);
            Path spec = dir.resolve("spec.json");
            Files.writeString(spec, spec(postgres));
            Path html = dir.resolve("report.html");
            Path json = dir.resolve("report.json");
            StringWriter out = new StringWriter();

            int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), "assess", spec.toString(),
                    "-o", html.toString(), "--json", json.toString(),
                    "--source-url", url(postgres, "shop_source"), "--target-url", url(postgres, "shop_target"));

            // THEN the verb says what fails, and exits as a migration failure
            assertThat(exit).as(out.toString()).isEqualTo(3);
            assertThat(out.toString()).contains("FAIL table public.sessions", "Report: " + html.toAbsolutePath())
                    .doesNotContain(LocalPostgres.PASSWORD);
            assertThat(Json.tree(Files.readString(json)).path("objects").size()).isGreaterThan(10);
            // AND the page fetches nothing: no script, no link, no external URL
            String page = Files.readString(html);
            assertThat(page).startsWith("<!DOCTYPE html>").contains("<style>")
                    .doesNotContain("<script", "<link", "src=", "http://", "https://", LocalPostgres.PASSWORD);

            // WHEN a real browser renders it
            Path screenshot = dir.resolve("report.png");
            chromium("--screenshot=" + screenshot, "--window-size=1280,1600", html.toUri().toString());
            String dom = chromium("--dump-dom", html.toUri().toString());

            // THEN the screenshot shows the page: the dark header, the red verdict, text
            BufferedImage image = ImageIO.read(screenshot.toFile());
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(share(image, 0x232f3e)).as("the header's colour").isGreaterThan(0.02);
            assertThat(share(image, 0xfde8e8)).as("the FAIL verdict's colour").isGreaterThan(0.002);
            assertThat(distinctColours(image)).as("text and badges, not a blank page").isGreaterThan(50);
            // AND the rendered page lists the objects with their classes, the fix and the effort
            assertThat(dom).contains("Schema assessment: assess-cli", "public.orders", "public.invoice_number_seq",
                    "public.order_totals", "public.orders.orders_touch", "public.order_status",
                    "carried by the data movement", "created by the schema step", "needs an action at cutover",
                    "needs a person", "not supported on the target", "SET LOGGED", "Effort (units)");
        }
    }

    private static String spec(LocalPostgres postgres) {
        return """
                {
                  "migrationId": "assess-cli",
                  "engine": "postgres-native",
                  "migrationType": "full-load-and-cdc",
                  "source": {"engine": "postgres", "host": "%1$s", "port": %2$d, "database": "shop_source", "sslMode": "none",
                             "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/unread-source"},
                  "target": {"engine": "aurora-postgresql", "host": "%1$s", "port": %2$d, "database": "shop_target", "sslMode": "none",
                             "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/unread-target"},
                  "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
                                               "object-locator": {"schema-name": "public", "table-name": "%%"}}]}
                }
                """.formatted(postgres.host(), postgres.port());
    }

    private static String url(LocalPostgres postgres, String database) {
        return postgres.jdbcUrl(database) + "?user=" + LocalPostgres.SUPERUSER + "&password=" + LocalPostgres.PASSWORD;
    }

    /** Runs headless Chromium on the page with {@code args}; returns what it printed on stdout. */
    private String chromium(String... args) throws IOException, InterruptedException {
        String binary = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/chromium-headless-shell").stream()
                .filter(b -> Files.isExecutable(Path.of(b))).findFirst()
                .orElseThrow(() -> new AssertionError("no chromium: run cli/setup/install-deps (it installs Debian's chromium)"));
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium: %s", Files.readString(dir.resolve("chromium.log"))).isZero();
        return stdout;
    }

    /** The share of the image's pixels within a small distance of {@code rgb}. */
    private static double share(BufferedImage image, int rgb) {
        long near = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                int distance = Math.abs(((pixel >> 16) & 0xff) - ((rgb >> 16) & 0xff)) + Math.abs(((pixel >> 8) & 0xff) - ((rgb >> 8) & 0xff))
                        + Math.abs((pixel & 0xff) - (rgb & 0xff));
                if (distance <= 12) {
                    near++;
                }
            }
        }
        return (double) near / ((long) image.getWidth() * image.getHeight());
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }
}
