package dmsrunbook.spec;

/**
 * The spec's {@code schema.aiAssist}: for each object of a MySQL or MariaDB source that no mechanical conversion
 * carries (views, procedures, functions, triggers), ask this Amazon Bedrock model, in this region, for a PostgreSQL
 * version. A proposal is only a proposal: it is applied on the target only when the approver accepts it by name.
 *
 * @param modelId a Bedrock model id or inference profile id, e.g. {@code anthropic.claude-3-5-sonnet-20240620-v1:0}
 * @param region  the AWS region whose Bedrock runtime answers, e.g. {@code us-east-1}
 */
public record AiAssistSpec(String modelId, String region) {
}
