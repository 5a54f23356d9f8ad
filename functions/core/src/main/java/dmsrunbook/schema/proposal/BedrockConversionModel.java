package dmsrunbook.schema.proposal;

import dmsrunbook.error.Failures;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Amazon Bedrock's Converse API: one user message (the prompt), the system instructions, temperature 0 so that the
 * same object gets the same kind of answer, and room for a long routine.
 */
public final class BedrockConversionModel implements ConversionModel {

    static final int MAX_TOKENS = 4096;

    private final BedrockRuntimeClient bedrock;
    private final String modelId;

    public BedrockConversionModel(BedrockRuntimeClient bedrock, String modelId) {
        this.bedrock = bedrock;
        this.modelId = modelId;
    }

    @Override
    public String answer(ConversionPrompt prompt) {
        try {
            ConverseResponse response = bedrock.converse(b -> b.modelId(modelId)
                    .system(SystemContentBlock.fromText(prompt.system()))
                    .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(prompt.user())).build())
                    .inferenceConfig(c -> c.maxTokens(MAX_TOKENS).temperature(0f)));
            return response.output().message().content().stream().map(ContentBlock::text).filter(t -> t != null)
                    .collect(Collectors.joining("\n"));
        } catch (SdkException e) {
            throw Failures.ofAws("Bedrock Converse with " + modelId, e);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }
}
