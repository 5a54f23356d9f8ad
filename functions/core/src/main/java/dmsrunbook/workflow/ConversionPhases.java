package dmsrunbook.workflow;

import dmsrunbook.database.mysql.MySqlTargetSchema;
import dmsrunbook.error.ConversionNotAppliedException;
import dmsrunbook.error.Failures;
import dmsrunbook.error.SchemaAssessmentFailedException;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.assessment.AssessmentReports;
import dmsrunbook.schema.assessment.SchemaAssessment;
import dmsrunbook.schema.proposal.AcceptedConversions;
import dmsrunbook.schema.proposal.ConversionCandidate;
import dmsrunbook.schema.proposal.ConversionCandidates;
import dmsrunbook.schema.proposal.ConversionProposal;
import dmsrunbook.schema.proposal.ConversionProposalStore;
import dmsrunbook.schema.proposal.ConversionProposals;
import dmsrunbook.schema.proposal.ConversionProposer;
import dmsrunbook.spec.AiAssistSpec;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The AI-assisted conversion's two phases (schema.aiAssist): ProposeConversions asks the spec's Bedrock model for a
 * PostgreSQL version of each view, routine and trigger that needs a person, keeps the proposals beside the assessment
 * report and writes the report again with them side by side; ApplyAcceptedConversions, after the cutover's approval,
 * creates on the target the proposals the approver accepted by name, and nothing else.
 */
final class ConversionPhases {

    /**
     * How long one call keeps asking before it leaves the rest to the next: with one more answer (Bedrock's client waits
     * 4 minutes at most) it ends within the function's 15-minute timeout.
     */
    static final Duration ASKING_BUDGET = Duration.ofMinutes(8);

    /** The loop asks for at most this long; the model not answering for every object by then stops the migration. */
    static final Duration PROPOSALS_LIMIT = Duration.ofHours(3);

    private final RunbookServices services;

    ConversionPhases(RunbookServices services) {
        this.services = services;
    }

    ConversionProposalsOutcome propose(MigrationSpec spec, String executionId, ConversionProposalsOutcome previous) {
        AiAssistSpec assist = spec.schema().aiAssist();
        if (assist == null) {
            return ConversionProposalsOutcome.notAsked();
        }
        Instant now = services.clock().instant();
        Instant since = previous == null || previous.since() == null ? now : previous.since();
        SchemaConversion conversion = new MySqlTargetSchema(services.databases()).convert(spec);
        List<ConversionCandidate> candidates = ConversionCandidates.of(conversion);
        ConversionProposalStore store = services.conversionProposals();
        ConversionProposals existing = store.load(spec.migrationId(), executionId).orElse(ConversionProposals.none(spec.migrationId(), assist.modelId()));
        ConversionProposer.Progress progress = new ConversionProposer(services.conversionModel(assist), services.clock())
                .propose(candidates, existing, proposals -> store.save(executionId, proposals), now.plus(ASKING_BUDGET));
        String location = store.location(spec.migrationId(), executionId);
        if (progress.pending() > 0 && Duration.between(since, now).compareTo(PROPOSALS_LIMIT) > 0) {
            throw new SchemaAssessmentFailedException("The model " + assist.modelId() + " did not propose a conversion for " + progress.pending()
                    + " object(s) within " + PROPOSALS_LIMIT.toHours() + " hours", "look at the function's logs for Bedrock's errors, or remove "
                    + "schema.aiAssist from the spec and convert those objects by hand (the assessment report has their source texts)");
        }
        if (progress.pending() == 0) {
            writeReport(spec, executionId, store, progress.proposals());
        }
        List<ConversionProposal> withSql = progress.proposals().proposals().stream().filter(ConversionProposal::applicable).toList();
        List<String> names = withSql.stream().map(ConversionProposal::key).limit(ConversionProposalsOutcome.MAX_NAMES).toList();
        int withoutSql = progress.proposals().proposals().size() - withSql.size();
        String summary = "Conversion proposals for migration " + spec.migrationId() + " by " + assist.modelId() + ": " + withSql.size()
                + " with SQL" + (withoutSql > 0 ? ", " + withoutSql + " without (write those by hand)" : "") + ".\n"
                + (names.isEmpty() ? "There is nothing to accept: write those objects by hand.\n"
                        : "Nothing is applied unless the cutover's approver accepts it by name, e.g.\n"
                        + "  runbook approve <execution-arn> --accept \"" + names.get(0) + "\"\n")
                + "Review each beside its source text: " + location + "assessment.html\n\n"
                + String.join("\n", names) + (withSql.size() > names.size() ? "\n... and " + (withSql.size() - names.size()) + " more in the report" : "");
        // No braces in it: the state machine's States.Format puts it into the cutover request as it is.
        String approvalNote = names.isEmpty() ? "" : "\n\nConversion proposals by " + assist.modelId() + " wait for your decision: none is "
                + "applied unless you accept it by name. Review each beside its source: " + location + "assessment.html\n"
                + "Accept with: runbook approve <execution-arn> --accept \"" + names.get(0) + "\" (one --accept per proposal), "
                + "or list the names as acceptedConversions in approval.json.\nProposals: "
                + String.join(", ", names.stream().limit(20).toList()) + (names.size() > 20 ? " and " + (withSql.size() - 20) + " more" : "");
        return new ConversionProposalsOutcome(true, progress.pending() == 0, withSql.size(), withoutSql, progress.pending(), names,
                withSql.size() - names.size(), location, summary, approvalNote, since);
    }

    AppliedConversions applyAccepted(MigrationSpec spec, String executionId, List<String> accepted) {
        List<String> chosen = accepted == null ? List.of() : accepted;
        if (spec.schema().aiAssist() == null) {
            if (!chosen.isEmpty()) {
                throw new ConversionNotAppliedException("The approval accepted " + String.join(", ", chosen) + " but the migration asked no "
                        + "model for proposals (no schema.aiAssist); nothing was applied", "approve without acceptedConversions");
            }
            return new AppliedConversions(List.of(), 0);
        }
        ConversionProposalStore store = services.conversionProposals();
        ConversionProposals proposals = store.load(spec.migrationId(), executionId)
                .orElse(ConversionProposals.none(spec.migrationId(), spec.schema().aiAssist().modelId()));
        int notAccepted = (int) proposals.proposals().stream().filter(p -> !chosen.contains(p.key())).count();
        if (chosen.isEmpty()) {
            return new AppliedConversions(List.of(), notAccepted);
        }
        // A retried call after the commit finds what it applied: running a plain CREATE FUNCTION twice would fail.
        var already = store.loadApplied(spec.migrationId(), executionId);
        if (already.isPresent()) {
            return new AppliedConversions(already.get(), notAccepted);
        }
        try (Connection target = services.databases().connect(spec.target())) {
            List<String> applied = AcceptedConversions.apply(target, proposals, chosen, spec.target().describe());
            store.saveApplied(spec.migrationId(), executionId, applied);
            return new AppliedConversions(applied, notAccepted);
        } catch (SQLException e) {
            throw Failures.ofSql("Connecting to apply the accepted conversion proposals", spec.target().describe(), e);
        }
    }

    /** The assessment again, with each proposal beside its object's source text, in the report bucket beside the proposals. */
    private void writeReport(MigrationSpec spec, String executionId, ConversionProposalStore store, ConversionProposals proposals) {
        SchemaAssessment report = services.schemaAssessment().assess(spec, services.clock().instant()).withProposals(proposals.byKey());
        new AssessmentReports(services.aws().s3(), store.bucket()).store(executionId, report);
    }
}
