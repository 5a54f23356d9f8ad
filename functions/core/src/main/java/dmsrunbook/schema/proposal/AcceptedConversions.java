package dmsrunbook.schema.proposal;

import dmsrunbook.error.ConversionNotAppliedException;
import dmsrunbook.error.Failures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the proposals the approver accepted, and only those, on the target, in one transaction: PostgreSQL compiles
 * each CREATE as it runs it, so a proposal that does not compile rolls everything back and fails with PostgreSQL's own
 * message, naming the object. An accepted name no proposal has is refused before anything runs.
 */
public final class AcceptedConversions {

    private AcceptedConversions() {
    }

    /** Applies the accepted proposals in {@code proposals}' order; returns the keys applied. */
    public static List<String> apply(Connection target, ConversionProposals proposals, List<String> accepted, String targetName) {
        List<String> unknown = accepted.stream().filter(key -> proposals.proposal(key).filter(ConversionProposal::applicable).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new ConversionNotAppliedException("The approval accepted " + String.join(", ", unknown) + ", which "
                    + (unknown.size() == 1 ? "is" : "are") + " not a proposal with SQL; nothing was applied",
                    "accept only names the assessment report lists with a proposal: "
                            + String.join(", ", proposals.proposals().stream().filter(ConversionProposal::applicable).map(ConversionProposal::key).toList()));
        }
        List<ConversionProposal> chosen = proposals.proposals().stream().filter(p -> accepted.contains(p.key())).toList();
        List<String> applied = new ArrayList<>();
        if (chosen.isEmpty()) {
            return applied;
        }
        try {
            target.setAutoCommit(false);
            for (ConversionProposal proposal : chosen) {
                try (Statement statement = target.createStatement()) {
                    statement.execute(proposal.sql());
                } catch (SQLException e) {
                    target.rollback();
                    if (retryable(e)) {
                        throw e;
                    }
                    throw new ConversionNotAppliedException("The accepted proposal for " + proposal.key() + " does not compile on "
                            + targetName + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); nothing of the "
                            + chosen.size() + " accepted proposal" + (chosen.size() == 1 ? "" : "s") + " was applied",
                            "correct the SQL of " + proposal.key() + " (the assessment report has it beside its source) and create it "
                                    + "on the target by hand, or run the migration again and leave it out of the accepted list");
                }
                applied.add(proposal.key());
            }
            target.commit();
            return applied;
        } catch (SQLException e) {
            throw Failures.ofSql("Applying the accepted conversion proposals", targetName, e);
        }
    }

    /** A lost connection or a server restart, not the proposal's fault: retried. */
    private static boolean retryable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("57P") || state.equals("40001") || state.equals("40P01") || state.equals("53300");
    }
}
