package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the spec's {@code schema.aiAssist} for {@link SpecReader}, recording each bad value with its fix. */
final class AiAssistSpecReader {

    /**
     * A Bedrock model id (provider.model[:version]) or a cross-region inference profile id (us.provider.model...), as
     * Bedrock's ListFoundationModels and ListInferenceProfiles print them; an ARN is not accepted (the IAM policy names
     * the model by id).
     */
    static final Pattern MODEL_ID = Pattern.compile("^([a-z]{2,4}\\.)?[a-z0-9-]+\\.[A-Za-z0-9._-]+(:[A-Za-z0-9.]+){0,2}$");
    /** An AWS region name, e.g. us-east-1, eu-central-2, us-gov-west-1. */
    static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$");

    private AiAssistSpecReader() {
    }

    /** The {@code aiAssist} block of the spec's {@code schema} section, or null when there is none (or it is wrong). */
    static AiAssistSpec read(JsonNode root, EndpointSpec source, EndpointSpec target, SpecProblems problems) {
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isObject()) {
            return null;
        }
        Optional<JsonNode> block = problems.object(schema, "aiAssist", "schema.aiAssist", false,
                "write aiAssist as an object: {\"modelId\": \"anthropic.claude-3-5-sonnet-20240620-v1:0\", \"region\": \"us-east-1\"}");
        if (block.isEmpty()) {
            return null;
        }
        JsonNode node = block.get();
        String modelId = problems.text(node, "modelId", "schema.aiAssist.modelId", true, MODEL_ID,
                "use a Bedrock model id as `aws bedrock list-foundation-models` prints it (or an inference profile id), "
                        + "e.g. \"anthropic.claude-3-5-sonnet-20240620-v1:0\"; not an ARN");
        String region = problems.text(node, "region", "schema.aiAssist.region", true, REGION,
                "name the AWS region whose Bedrock serves the model, e.g. \"us-east-1\"");
        if (source != null && target != null && (source.engine().family() != DatabaseEngine.Family.MYSQL
                || target.engine().family() != DatabaseEngine.Family.POSTGRES)) {
            problems.add("schema.aiAssist", "proposes PostgreSQL versions of MySQL or MariaDB objects only, not of a "
                    + source.engine().value() + " source's for a " + target.engine().value() + " target",
                    "remove schema.aiAssist: the runbook creates (or leaves) this target's schema without a model");
            return null;
        }
        return modelId == null || region == null ? null : new AiAssistSpec(modelId, region);
    }
}
