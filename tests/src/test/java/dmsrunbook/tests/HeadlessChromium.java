package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's headless Chromium, for tests that look at a page as a browser draws it: a screenshot (decoded to pixels)
 * and the DOM after parsing. Chromium is part of the project's setup (cli/setup/install-deps): a machine without it
 * fails these tests, saying so, rather than skipping them.
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "chromium-headless-shell");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    static HeadlessChromium find() {
        Path found = null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir, name);
                if (found == null && Files.isExecutable(candidate)) {
                    found = candidate;
                }
            }
        }
        assertThat(found).as("headless Chromium is missing: cli/setup/install-deps installs it (Debian package chromium)").isNotNull();
        return new HeadlessChromium(found);
    }

    /** The page drawn in a {@code width} x {@code height} window. */
    BufferedImage screenshot(Path page, int width, int height, Path png) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars");
        assertThat(png).as("Chromium wrote the screenshot").exists();
        return ImageIO.read(png.toFile());
    }

    /** The DOM as Chromium parsed the page. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    private String run(Path page, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + Files.createTempDirectory("chromium-profile")));
        command.addAll(List.of(options));
        command.add(page.toUri().toString());
        Path log = Files.createTempFile("chromium", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended && process.exitValue() == 0).as("Chromium ran: %s", Files.readString(log)).isTrue();
        return stdout;
    }

    /** How many pixels are within {@code tolerance} of {@code hex} (e.g. "#6a1b9a") on every channel. */
    static int pixelsOf(BufferedImage image, String hex, int tolerance) {
        int r = Integer.parseInt(hex.substring(1, 3), 16);
        int g = Integer.parseInt(hex.substring(3, 5), 16);
        int b = Integer.parseInt(hex.substring(5, 7), 16);
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 0xff) - r) <= tolerance && Math.abs((rgb >> 8 & 0xff) - g) <= tolerance
                        && Math.abs((rgb & 0xff) - b) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Pixels that are not white: something was drawn. */
    static int nonBlankPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    count++;
                }
            }
        }
        return count;
    }
}
