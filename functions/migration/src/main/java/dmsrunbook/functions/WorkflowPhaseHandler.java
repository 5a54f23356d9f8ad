package dmsrunbook.functions;

import dmsrunbook.internal.Json;
import dmsrunbook.workflow.MigrationWorkflow;
import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.RunbookServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A phase handler that takes the state machine's usual payload (execution id + state so far) and calls one
 * {@link MigrationWorkflow} phase. Services are built once per sandbox and primed before a SnapStart snapshot.
 */
public abstract class WorkflowPhaseHandler<O> extends PhaseHandler<PhaseRequest, O> implements Resource {

    protected final MigrationWorkflow workflow;
    private final RunbookServices services;

    /** For Lambda: services from the function's environment. */
    protected WorkflowPhaseHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    /** For the local gateway and tests: services from an explicit environment. */
    protected WorkflowPhaseHandler(Map<String, String> environment) {
        super(PhaseRequest.class);
        this.services = RunbookServices.from(environment);
        this.workflow = new MigrationWorkflow(services);
    }

    @Override
    protected String executionId(PhaseRequest input) {
        return input.executionId();
    }

    /**
     * SnapStart priming: loads and initialises what every invocation uses (Jackson's handling of the state, the SDK
     * clients, the JDBC drivers) without calling any service, so restored sandboxes skip that work.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try (InputStream sample = WorkflowPhaseHandler.class.getResourceAsStream("/priming/phase-request.json")) {
            // Reading the request reads its spec too (SpecReader), as every invocation does.
            PhaseRequest request = Json.read(sample.readAllBytes(), PhaseRequest.class);
            Json.write(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        services.aws().dms();
        services.aws().cloudWatch();
        services.aws().secretsManager();
        try {
            Class.forName("org.postgresql.Driver");
            Class.forName("org.mariadb.jdbc.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients open connections lazily, after restore.
    }
}
