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
 * A handler that calls the {@link MigrationWorkflow}: services built once per sandbox from the function's environment,
 * and primed before a SnapStart snapshot.
 *
 * @param <I> the typed input
 * @param <O> the small typed result the state machine stores
 */
public abstract class WorkflowHandler<I, O> extends PhaseHandler<I, O> implements Resource {

    protected final MigrationWorkflow workflow;
    private final RunbookServices services;

    /** For Lambda: services from the function's environment. */
    protected WorkflowHandler(Class<I> inputType) {
        this(inputType, System.getenv());
        Core.getGlobalContext().register(this);
    }

    /** For the local gateway and tests: services from an explicit environment. */
    protected WorkflowHandler(Class<I> inputType, Map<String, String> environment) {
        super(inputType);
        this.services = RunbookServices.from(environment);
        this.workflow = new MigrationWorkflow(services);
    }

    /**
     * SnapStart priming: loads and initialises what every invocation uses (Jackson's handling of the state, the SDK
     * clients, the JDBC drivers) without calling any service, so restored sandboxes skip that work.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try (InputStream sample = WorkflowHandler.class.getResourceAsStream("/priming/phase-request.json")) {
            // Reading the request reads its spec too (SpecReader), as every invocation does.
            PhaseRequest request = Json.read(sample.readAllBytes(), PhaseRequest.class);
            Json.write(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        services.aws().dms();
        services.aws().cloudWatch();
        services.aws().secretsManager();
        services.aws().s3();
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
