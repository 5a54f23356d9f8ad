package dmsrunbook.schema.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.preflight.CheckStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML report: self-contained, every class named, names escaped (a schema object's name is data, not markup). */
class AssessmentHtmlTest {

    @Test
    void report_isOnePageThatFetchesNothing_andEscapesWhatTheCatalogHolds() {
        SchemaAssessment report = new SchemaAssessment("shop-to-aurora", Instant.parse("2026-12-07T10:00:00Z"), "dms", "postgres shop@db:5432",
                "Amazon Aurora PostgreSQL 16", List.of(
                        AssessedObject.of(AssessedKind.TABLE, "shop.\"<script>alert(1)</script>\"", AssessmentClass.CARRIED, "rows", "nothing to do"),
                        AssessedObject.of(AssessedKind.EXTENSION, "xml2", AssessmentClass.NOT_SUPPORTED, "not offered", "remove what uses xml2"),
                        AssessedObject.of(AssessedKind.OWNER, "app & co", AssessmentClass.NEEDS_PERSON, "owns 3 objects", "ALTER ... OWNER TO")),
                List.of("a note"), new DmsPremigrationResult("shop-run", "warning", "s3://b/f/",
                        List.of(new DmsPremigrationResult.Check("postgres-check-maxwalsenders", "warning")), null));

        String html = AssessmentHtml.render(report);

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "<link", "src=", "http");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "app &amp; co");
        for (AssessmentClass c : AssessmentClass.values()) {
            assertThat(html).contains(c.words());
        }
        assertThat(html).contains("1 object cannot work", "Fix: remove what uses xml2", "postgres-check-maxwalsenders", "a note");
        assertThat(report.failures()).extracting(AssessedObject::status).containsExactly(CheckStatus.FAIL);
        assertThat(AssessmentHtml.hours(24)).isEqualTo("2 hours");
        assertThat(AssessmentHtml.hours(3)).isEqualTo("0.3 hours");
    }
}
