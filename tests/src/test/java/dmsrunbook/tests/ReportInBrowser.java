package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.report.ReportHtml;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** What a migration report must show in a real browser (headless Chromium): its tables, and the lag chart with its points. */
final class ReportInBrowser {

    /** Tall enough for a whole report: the screenshot holds the page from its title to its notes. */
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 5000;

    private ReportInBrowser() {
    }

    static void showsTheTablesAndTheLagChartWithItsPoints(Path html, int lagPoints, Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();

        // The DOM Chromium built: the tables and both charts, one circle per lag reading
        String dom = chromium.dumpDom(html);
        assertThat(dom).contains("<table id=\"summary\">", "<table id=\"phases\">", "<table id=\"tables\">", "<svg id=\"timeline\"", "<svg id=\"lag\"");
        assertThat(dom.split("class=\"lag-point\"", -1)).as("lag points in the DOM").hasSize(lagPoints + 1);

        // and the pixels it drew: the page is not blank, the series' line and its points are on it
        BufferedImage screenshot = chromium.screenshot(html, WIDTH, HEIGHT, dir.resolve("report.png"));
        assertThat(HeadlessChromium.nonBlankPixels(screenshot)).as("drawn pixels").isGreaterThan(20_000);
        assertThat(HeadlessChromium.pixelsOf(screenshot, ReportHtml.LAG_POINT_COLOUR, 12)).as("pixels of the lag points").isGreaterThan(30);
        assertThat(HeadlessChromium.pixelsOf(screenshot, ReportHtml.LAG_COLOUR, 12)).as("pixels of the lag line").isGreaterThan(0);
        assertThat(HeadlessChromium.pixelsOf(screenshot, ReportHtml.PHASE_COLOUR, 12)).as("pixels of the timeline's bars").isGreaterThan(100);
    }
}
