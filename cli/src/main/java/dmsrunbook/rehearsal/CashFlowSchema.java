package dmsrunbook.rehearsal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The cash-flow example database (fluxocaixa): users, categories, transactions, a balance view, a PL/pgSQL trigger
 * function, and sequences (serial keys plus a standalone receipt-number sequence) — the objects a PostgreSQL to
 * Aurora migration has to carry, or to warn about.
 */
public final class CashFlowSchema {

    public static final List<String> TABLES = List.of("usuarios", "categorias", "transacoes");

    /** The DDL, also what a team would apply to the target first (pg_dump --schema-only gives the same). */
    public static final String DDL = """
            CREATE TABLE usuarios (
              id bigserial PRIMARY KEY,
              nome text NOT NULL,
              email text NOT NULL UNIQUE,
              criado_em timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE categorias (
              id serial PRIMARY KEY,
              nome text NOT NULL,
              tipo text NOT NULL CHECK (tipo IN ('receita', 'despesa'))
            );
            CREATE TABLE transacoes (
              id bigserial PRIMARY KEY,
              usuario_id bigint NOT NULL REFERENCES usuarios (id),
              categoria_id integer REFERENCES categorias (id),
              valor numeric(14, 2) NOT NULL,
              descricao text,
              data timestamptz NOT NULL DEFAULT now(),
              atualizado_em timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX transacoes_usuario_data ON transacoes (usuario_id, data);
            CREATE SEQUENCE numero_recibo_seq;
            CREATE FUNCTION fn_marca_atualizacao() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.atualizado_em := now();
              RETURN NEW;
            END
            $$;
            CREATE TRIGGER trg_transacoes_atualizacao BEFORE UPDATE ON transacoes
              FOR EACH ROW EXECUTE FUNCTION fn_marca_atualizacao();
            CREATE VIEW vw_saldo_atual AS
              SELECT u.id AS usuario_id, u.nome,
                     COALESCE(sum(CASE WHEN c.tipo = 'receita' THEN t.valor ELSE -t.valor END), 0) AS saldo
              FROM usuarios u
              LEFT JOIN transacoes t ON t.usuario_id = u.id
              LEFT JOIN categorias c ON c.id = t.categoria_id
              GROUP BY u.id, u.nome;
            """;

    private CashFlowSchema() {
    }

    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(DDL);
        }
    }

    /** Fills the tables: {@code users} users, six categories, {@code transactions} transactions spread over them. */
    public static void seed(Connection connection, int users, long transactions) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO categorias (nome, tipo) VALUES ('Salario', 'receita'), ('Aluguel', 'despesa'), "
                    + "('Mercado', 'despesa'), ('Freelance', 'receita'), ('Transporte', 'despesa'), ('Lazer', 'despesa')");
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO usuarios (nome, email) SELECT 'Usuario ' || g, 'usuario' || g || '@exemplo.com' FROM generate_series(1, ?) g")) {
            statement.setInt(1, users);
            statement.execute();
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO transacoes (usuario_id, categoria_id, valor, descricao, data)
                SELECT 1 + (g % ?), 1 + (g % 6), round((random() * 1000)::numeric, 2), 'Transacao ' || g,
                       now() - (g % 365) * interval '1 day'
                FROM generate_series(1, ?) g""")) {
            statement.setInt(1, users);
            statement.setLong(2, transactions);
            statement.execute();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT setval('numero_recibo_seq', 1000 + " + transactions + ")");
            statement.execute("ANALYZE");
        }
    }
}
