package dmsrunbook.schema.proposal;

/** A model that answers a prompt with text: Amazon Bedrock ({@link BedrockConversionModel}) or a test's stand-in. */
public interface ConversionModel {

    /** The model's answer to {@code prompt}. */
    String answer(ConversionPrompt prompt);

    /** The model's id, as the report names it. */
    String modelId();
}
