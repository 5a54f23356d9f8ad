package dmsrunbook.spec;

/**
 * The spec's {@code schema} section: what the workflow does about the target's schema. The default is {@code verify}
 * between two PostgreSQL databases and {@code none} otherwise (a MySQL source's schema cannot be compared with a
 * PostgreSQL target's, and an S3 target has none). {@code aiAssist} is null unless the spec asks Amazon Bedrock for
 * proposals of what needs a person ({@link AiAssistSpec}).
 */
public record SchemaSpec(SchemaMode mode, AiAssistSpec aiAssist) {

    public SchemaSpec(SchemaMode mode) {
        this(mode, null);
    }

    /** The same section asking Bedrock as {@code assist} says (null: not at all). */
    public SchemaSpec withAiAssist(AiAssistSpec assist) {
        return new SchemaSpec(mode, assist);
    }
}
