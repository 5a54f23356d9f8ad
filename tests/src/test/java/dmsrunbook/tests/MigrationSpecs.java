package dmsrunbook.tests;

import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.LocalRunbook;

/** Specs for the stories: a source and a target cluster of this machine, credentials in the emulated Secrets Manager. */
final class MigrationSpecs {

    private MigrationSpecs() {
    }

    /** A full-load-and-cdc DMS migration of the public schema, polling every second. */
    static String dmsFullLoadAndCdc(LocalRunbook runbook, String migrationId, LocalPostgres source, LocalPostgres target,
                                    String database, String cutoverPolicy) {
        return dms(runbook, migrationId, "full-load-and-cdc", source, target, database, cutoverPolicy);
    }

    /** A DMS migration of the public schema of the given type, polling every second. */
    static String dms(LocalRunbook runbook, String migrationId, String migrationType, LocalPostgres source, LocalPostgres target,
                      String database, String cutoverPolicy) {
        String sourceSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/" + migrationId + "-source", LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD, source.host(), source.port());
        String targetSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/" + migrationId + "-target", LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD, target.host(), target.port());
        return dms(runbook, migrationId, migrationType, source, target, database, cutoverPolicy, sourceSecret, targetSecret);
    }

    /** The same migration, logging in with the credentials of the given secrets. */
    static String dms(LocalRunbook runbook, String migrationId, String migrationType, LocalPostgres source, LocalPostgres target,
                      String database, String cutoverPolicy, String sourceSecret, String targetSecret) {
        return """
                {
                  "migrationId": "%s",
                  "engine": "dms",
                  "migrationType": "%s",
                  "source": {"engine": "postgres", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                  "target": {"engine": "aurora-postgresql", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                  "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                     "object-locator": {"schema-name": "public", "table-name": "%%"}, "rule-action": "include"}]},
                  "dms": {
                    "replicationInstanceArn": "%s",
                    "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access",
                    "taskSettings": {"FullLoadSettings": {"TargetTablePrepMode": "TRUNCATE_BEFORE_LOAD"}}
                  },
                  "thresholds": {"cdcLatencySeconds": 5, "stableForSeconds": 2, "pollIntervalSeconds": 1, "maxWaitSeconds": 300},
                  "cutover": {"policy": "%s", "approvalTimeoutSeconds": 300}
                }
                """.formatted(migrationId, migrationType, source.host(), source.port(), database, sourceSecret,
                target.host(), target.port(), database, targetSecret, runbook.replicationInstanceArn(), cutoverPolicy);
    }
}
