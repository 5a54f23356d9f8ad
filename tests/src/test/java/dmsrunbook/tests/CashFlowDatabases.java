package dmsrunbook.tests;

import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The stories' usual "given": the cash-flow example database, seeded on the source, with its empty schema on the
 * target (the native engine's stories apply the target's schema with pg_dump instead, as the rehearsal does).
 */
final class CashFlowDatabases {

    static final String NAME = "fluxocaixa";

    private CashFlowDatabases() {
    }

    static void givenOnSourceWithSchemaOnTarget(LocalPostgres source, LocalPostgres target, int users, long transactions)
            throws SQLException {
        source.createDatabase(NAME);
        target.createDatabase(NAME);
        try (Connection s = source.connect(NAME); Connection t = target.connect(NAME)) {
            CashFlowSchema.create(s);
            CashFlowSchema.seed(s, users, transactions);
            CashFlowSchema.create(t);
        }
    }
}
