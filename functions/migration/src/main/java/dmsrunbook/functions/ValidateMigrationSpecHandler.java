package dmsrunbook.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.workflow.MigrationWorkflow;
import dmsrunbook.workflow.RunbookServices;
import java.util.Map;

/**
 * Phase ValidateMigrationSpec: checks the whole execution input before anything touches AWS or a database, and
 * returns the normalised spec every later phase reads. A bad spec fails with one error listing every problem.
 */
public final class ValidateMigrationSpecHandler extends PhaseHandler<ValidateMigrationSpecHandler.Request, JsonNode> {

    /** The execution id and the execution input, as the state machine passes them. */
    public record Request(String executionId, JsonNode spec) {
    }

    private final MigrationWorkflow workflow;

    public ValidateMigrationSpecHandler() {
        this(System.getenv());
    }

    public ValidateMigrationSpecHandler(Map<String, String> environment) {
        super(Request.class);
        this.workflow = new MigrationWorkflow(RunbookServices.from(environment));
    }

    @Override
    protected JsonNode handle(Request request) {
        return workflow.validateSpec(request.spec());
    }

    @Override
    protected String executionId(Request request) {
        return request.executionId();
    }
}
