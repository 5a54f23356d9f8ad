package dmsrunbook.workflow;

import java.util.List;

/**
 * What ApplyAcceptedConversions did: the accepted proposals created (and compiled) on the target, in the order they
 * ran, and how many proposals were not accepted, so never applied.
 */
public record AppliedConversions(List<String> applied, int notAccepted) {

    public AppliedConversions {
        applied = List.copyOf(applied);
    }
}
