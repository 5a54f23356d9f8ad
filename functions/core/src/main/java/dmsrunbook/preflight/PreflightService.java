package dmsrunbook.preflight;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.DatabaseIdentity;
import dmsrunbook.database.DatabaseSecret;
import dmsrunbook.database.postgres.PostgresNativeReplicationChecks;
import dmsrunbook.database.mysql.MySqlConvertedTriggersCheck;
import dmsrunbook.database.postgres.PostgresTargetChecks;
import dmsrunbook.error.Failures;
import dmsrunbook.error.RunbookException;
import dmsrunbook.error.TerminalException;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import dmsrunbook.spec.SchemaMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every preflight check of a migration: the endpoints' secrets, the source (per database family) and the
 * target. A database that cannot be reached for good (bad credentials, missing database) becomes a FAIL with its
 * fix; a passing network fault is thrown as retryable, so the state machine tries again.
 */
public final class PreflightService {

    private final DatabaseConnector connector;
    private final int lobScanTimeoutSeconds;

    public PreflightService(DatabaseConnector connector, int lobScanTimeoutSeconds) {
        this.connector = connector;
        this.lobScanTimeoutSeconds = lobScanTimeoutSeconds;
    }

    /** Checks a migration that starts fresh. */
    public PreflightReport run(MigrationSpec spec) {
        return run(spec, false);
    }

    /** Checks a migration; {@code resuming} when its replication already exists (a re-run). */
    public PreflightReport run(MigrationSpec spec, boolean resuming) {
        List<CheckResult> results = new ArrayList<>();
        results.addAll(secretChecks(spec, "source", spec.source()));
        if (spec.target().engine().isDatabase()) {
            results.addAll(secretChecks(spec, "target", spec.target()));
        }
        if (!results.stream().allMatch(r -> r.status() != CheckStatus.FAIL)) {
            return new PreflightReport(results);
        }
        PreflightContext context = null;
        DatabaseIdentity sourceIdentity = null;
        DatabaseFamily sourceFamily = DatabaseFamilies.of(spec.source().engine());
        try (Connection source = connector.connect(spec.source())) {
            sourceIdentity = sourceFamily.identity(source);
            List<TableName> selected = spec.mappings().select(sourceFamily.dialect().listTables(source));
            LobPolicy lobs = spec.engine() == ReplicationEngineKind.DMS ? LobPolicy.fromTaskSettings(spec.dms().taskSettings()) : LobPolicy.unlimited();
            context = new PreflightContext(spec, selected, lobs, connector.username(spec.source()), resuming);
            results.addAll(sourceFamily.sourceChecks(lobScanTimeoutSeconds).run(source, context));
        } catch (TerminalException e) {
            results.add(unreachable("source", spec.source(), e));
        } catch (SQLException e) {
            throw Failures.ofSql("Preflight checks", spec.source().describe(), e);
        }
        if (spec.target().engine().isDatabase()) {
            try (Connection target = connector.connect(spec.target())) {
                DatabaseFamily targetFamily = DatabaseFamilies.of(spec.target().engine());
                CheckResult notTheSource = context == null || targetFamily != sourceFamily ? null
                        : new SourceIsNotTargetCheck().run(sourceIdentity, targetFamily.identity(target), context);
                if (notTheSource != null) {
                    results.add(notTheSource);
                }
                // The target's own checks would only describe the source again, what the load would do to it.
                if (context != null && (notTheSource == null || notTheSource.status() != CheckStatus.FAIL)) {
                    results.addAll(new TargetChecks().run(target, spec.target().engine(), context));
                    if (spec.engine() == ReplicationEngineKind.POSTGRES_NATIVE) {
                        try (Connection source = connector.connect(spec.source())) {
                            results.addAll(new PostgresNativeReplicationChecks().run(source, target, context));
                        }
                    } else if (spec.schema().mode() == SchemaMode.APPLY) {
                        // The spec allows apply into PostgreSQL from PostgreSQL (the source's triggers) or MySQL (converted ones).
                        try (Connection source = connector.connect(spec.source())) {
                            results.add(sourceFamily == targetFamily
                                    ? new PostgresTargetChecks().triggersTheSchemaStepCreates(source, context.selectedTables(), context)
                                    : MySqlConvertedTriggersCheck.run(source, context));
                        }
                    }
                }
            } catch (TerminalException e) {
                results.add(unreachable("target", spec.target(), e));
            } catch (SQLException e) {
                throw Failures.ofSql("Preflight checks", spec.target().describe(), e);
            }
        } else {
            results.add(CheckResult.pass("target", "reachable", spec.target().describe() + ": DMS's connection test checks the bucket and role"));
        }
        return new PreflightReport(results);
    }

    /**
     * DMS endpoints the runbook creates read host, port and credentials from the same secret: it must hold them,
     * and point at the database these checks connect to, or the checks would vouch for another server.
     */
    private List<CheckResult> secretChecks(MigrationSpec spec, String side, EndpointSpec endpoint) {
        DatabaseSecret secret;
        try {
            secret = connector.secret(endpoint);
        } catch (TerminalException e) {
            return List.of(CheckResult.fail(side, "secret", e.detail(), e.remediation()));
        }
        if (spec.engine() != ReplicationEngineKind.DMS || endpoint.hasExistingEndpoint()) {
            return List.of(CheckResult.pass(side, "secret", "holds username and password"));
        }
        if (secret.host() == null || secret.port() == null) {
            return List.of(CheckResult.fail(side, "secret", "lacks " + (secret.host() == null ? "host" : "port")
                            + "; DMS reads the connection from the secret",
                    "add \"host\": \"" + endpoint.host() + "\" and \"port\": " + endpoint.port() + " to the secret"));
        }
        if (!secret.host().equalsIgnoreCase(endpoint.host()) || !secret.port().equals(endpoint.port())) {
            return List.of(CheckResult.fail(side, "secret", "points at " + secret.host() + ":" + secret.port() + " but the spec at "
                    + endpoint.host() + ":" + endpoint.port(), "make the secret and the spec name the same server"));
        }
        return List.of(CheckResult.pass(side, "secret", "holds username, password, host and port"));
    }

    private static CheckResult unreachable(String side, EndpointSpec endpoint, RunbookException e) {
        return CheckResult.fail(side, "reachable", "cannot use " + endpoint.describe() + ": " + e.detail(), e.remediation());
    }
}
