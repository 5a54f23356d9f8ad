package dmsrunbook.schema.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.schema.assessment.ExtensionOffer.Availability;
import dmsrunbook.spec.TargetPlatformKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped extension lists: a complete list decides both ways, an incomplete one (or a version without a list)
 * never calls an extension unsupported, and the lists say when they were read.
 */
class SupportedExtensionsTest {

    private final SupportedExtensions lists = SupportedExtensions.shipped();

    @Test
    void completeList_offersWhatItNames_andNothingElse() {
        assertThat(lists.offer(TargetPlatformKind.RDS_POSTGRESQL, 14, "pg_trgm").availability()).isEqualTo(Availability.OFFERED);
        ExtensionOffer xml2 = lists.offer(TargetPlatformKind.RDS_POSTGRESQL, 14, "xml2");
        assertThat(xml2.availability()).isEqualTo(Availability.NOT_OFFERED);
        assertThat(xml2.source()).contains("RDS for PostgreSQL 14", lists.retrieved());
    }

    @Test
    void incompleteListOrNoList_leavesWhatItLacksUnknown_neverUnsupported() {
        assertThat(lists.offer(TargetPlatformKind.RDS_POSTGRESQL, 15, "citext").availability()).isEqualTo(Availability.OFFERED);
        assertThat(lists.offer(TargetPlatformKind.RDS_POSTGRESQL, 15, "xml2").availability()).isEqualTo(Availability.UNKNOWN);
        assertThat(lists.offer(TargetPlatformKind.AURORA_POSTGRESQL, 13, "citext").availability()).isEqualTo(Availability.UNKNOWN);
        assertThat(lists.offer(TargetPlatformKind.AURORA_POSTGRESQL, 13, "plpgsql").availability()).as("built in").isEqualTo(Availability.OFFERED);
    }

    @Test
    void listsAreDated_andNameTheVersionsOfferingAnExtension() {
        assertThat(lists.retrieved()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(lists.versionsOffering(TargetPlatformKind.RDS_POSTGRESQL, "citext")).containsAll(Set.of(14, 15));
        assertThat(lists.versionsOffering(TargetPlatformKind.RDS_POSTGRESQL, "xml2")).isEmpty();
    }
}
