package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.ProjectRoot;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.InvariantQuery;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.validation.InvariantReport;
import dmsrunbook.validation.InvariantResult;
import dmsrunbook.validation.InvariantRunner;
import dmsrunbook.validation.diff.ComparedDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The invariants shipped in the cash-flow example spec, run on the seeds' real schema: the balance view and the count
 * of transactions whose category is gone hold on a faithful copy, and both fail when the target lost a transaction's
 * category row (DMS loads with foreign keys off, so nothing else would notice).
 */
class CashFlowInvariantsIT {

    private static final Path EXAMPLE = Path.of("events/specs/postgres15-to-aurora-postgresql.json");

    @Test
    void shippedInvariants_holdOnAFaithfulCopy_andFailWhenATransactionLostItsCategory() throws Exception {
        try (LocalPostgres cluster = LocalPostgres.start("invariants", Map.of())) {
            cluster.createDatabase("fluxocaixa_source");
            cluster.createDatabase("fluxocaixa_target");
            try (Connection source = cluster.connect("fluxocaixa_source"); Connection target = cluster.connect("fluxocaixa_target")) {
                CashFlowSchema.create(source);
                CashFlowSchema.seed(source, 50, 2_000);
                CashFlowSchema.create(target);
                for (String table : CashFlowSchema.TABLES) {
                    copy(source, target, table);
                }
            }
            List<InvariantQuery> queries = SpecReader.read(Files.readString(ProjectRoot.find().resolve(EXAMPLE))).validation().queries();
            InvariantRunner runner = new InvariantRunner(side(cluster, DatabaseEngine.POSTGRES, "fluxocaixa_source"),
                    side(cluster, DatabaseEngine.AURORA_POSTGRESQL, "fluxocaixa_target"));

            InvariantReport faithful = runner.run(queries);
            cluster.execute("fluxocaixa_target", "SET session_replication_role = replica; DELETE FROM categorias WHERE id = 1");
            InvariantReport broken = runner.run(queries);

            assertThat(faithful.results()).extracting(InvariantResult::line).containsExactly(
                    "PASS balance per user (vw_saldo_atual)", "PASS transactions whose category does not exist");
            assertThat(faithful.results().get(0).sourceRows()).isEqualTo(50);
            assertThat(broken.results()).extracting(InvariantResult::passed).containsExactly(false, false);
            // The seed spreads 2,000 transactions over 6 categories: 333 fall in category 1 (income, so the balances change too).
            assertThat(broken.results().get(1).line()).isEqualTo("FAIL transactions whose category does not exist: the sides differ: "
                    + "0 on the source, 333 on the target; expected 0, got 0 on the source and 333 on the target");
        }
    }

    private static ComparedDatabase side(LocalPostgres cluster, DatabaseEngine engine, String database) {
        return new ComparedDatabase(engine, engine.value() + " " + database, () -> cluster.connect(database));
    }

    private static void copy(Connection source, Connection target, String table) throws Exception {
        CopyManager from = source.unwrap(PGConnection.class).getCopyAPI();
        CopyManager to = target.unwrap(PGConnection.class).getCopyAPI();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        from.copyOut("COPY " + table + " TO STDOUT", rows);
        to.copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(rows.toByteArray()));
    }
}
