package dmsrunbook.validation.diff;

import java.util.List;

/**
 * A table with a column of every type family, loaded alike on a source (PostgreSQL, or MariaDB with the types DMS maps
 * from) and on a PostgreSQL target, then changed on the target the ways migrations go wrong: a row lost, a row too
 * many, and one changed value per type family (a LOB cut at 32 KB, a timestamp shifted by a time zone, a trailing
 * space, '' for NULL, ...), next to changes that are not differences (JSON keys in another order, a float within the
 * tolerance).
 */
final class PlantedAccounts {

    static final int ROWS = 1000;
    static final double FLOAT_TOLERANCE = 1e-9;

    static final String POSTGRES_DDL = """
            CREATE TABLE accounts (
              id bigint PRIMARY KEY, n integer, amount numeric(14,2), ratio double precision, name text, code varchar(20),
              active boolean, born date, created timestamptz, local_time timestamp, doc jsonb, attrs json, photo bytea,
              notes text, ext uuid);
            """;

    static final String POSTGRES_SEED = """
            INSERT INTO accounts
            SELECT g, g % 1000, g * 1.25, g / 8.0, 'name ' || g, CASE WHEN g = 50 THEN NULL ELSE 'c' || g END, g % 2 = 0,
                   date '2000-01-01' + g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1.000001 second',
                   timestamp '2024-06-01 12:00' + g * interval '1 minute', jsonb_build_object('k', g, 'tag', 't' || (g % 7)),
                   '{"a": 1, "b": [1, 2]}',
                   CASE WHEN g = 60 THEN decode(repeat(md5(g::text), 2560), 'hex') ELSE decode(md5(g::text), 'hex') END,
                   CASE WHEN g = 60 THEN repeat('x', 40960) ELSE 'note ' || g END, md5(g::text)::uuid
            FROM generate_series(1, 1000) g;
            """;

    /** The same table as DMS creates it from MariaDB: tinyint(1) for boolean, DATETIME/TIMESTAMP, JSON as text. */
    static final String MARIADB_DDL = """
            CREATE TABLE accounts (
              id bigint PRIMARY KEY, n int, amount decimal(14,2), ratio double, name text, code varchar(20),
              active tinyint(1), born date, created timestamp(6) NULL, local_time datetime(6), doc json, attrs json,
              photo longblob, notes longtext, ext char(36)) CHARACTER SET utf8mb4;
            """;

    static final String MARIADB_SEED = """
            SET time_zone = '+00:00';
            INSERT INTO accounts
            SELECT seq, seq % 1000, seq * 1.25, seq / 8.0, CONCAT('name ', seq), IF(seq = 50, NULL, CONCAT('c', seq)), seq % 2 = 0,
                   DATE_ADD('2000-01-01', INTERVAL seq DAY), TIMESTAMPADD(MICROSECOND, seq * 1000001, '2024-01-01 00:00:00'),
                   TIMESTAMPADD(MINUTE, seq, '2024-06-01 12:00:00'), JSON_OBJECT('tag', CONCAT('t', seq % 7), 'k', seq),
                   '{"b": [1, 2], "a": 1}',
                   IF(seq = 60, UNHEX(REPEAT(MD5(seq), 2560)), UNHEX(MD5(seq))),
                   IF(seq = 60, REPEAT('x', 40960), CONCAT('note ', seq)),
                   CONCAT_WS('-', SUBSTR(MD5(seq), 1, 8), SUBSTR(MD5(seq), 9, 4), SUBSTR(MD5(seq), 13, 4), SUBSTR(MD5(seq), 17, 4),
                             SUBSTR(MD5(seq), 21, 12))
            FROM seq_1_to_1000;
            """;

    /** What goes wrong on the target. */
    static final String PLANT_ON_TARGET = """
            DELETE FROM accounts WHERE id = 10;
            INSERT INTO accounts SELECT 5000, n, amount, ratio, name, code, active, born, created, local_time, doc, attrs, photo, notes, ext
              FROM accounts WHERE id = 1;
            UPDATE accounts SET n = n + 1 WHERE id = 20;
            UPDATE accounts SET amount = amount + 0.01 WHERE id = 30;
            UPDATE accounts SET name = name || ' ' WHERE id = 40;
            UPDATE accounts SET code = '' WHERE id = 50;
            UPDATE accounts SET photo = substring(photo from 1 for 32768), notes = left(notes, 32768) WHERE id = 60;
            UPDATE accounts SET created = created + interval '3 hours' WHERE id = 70;
            UPDATE accounts SET active = NOT active WHERE id = 80;
            UPDATE accounts SET attrs = '{"b":[1,2],"a":1}' WHERE id = 90;
            UPDATE accounts SET attrs = '{"a": 2, "b": [1, 2]}' WHERE id = 95;
            UPDATE accounts SET ratio = ratio + 1e-12 WHERE id = 100;
            UPDATE accounts SET ratio = ratio + 0.5 WHERE id = 110;
            UPDATE accounts SET doc = jsonb_set(doc, '{k}', '0') WHERE id = 120;
            UPDATE accounts SET ext = md5('another')::uuid WHERE id = 130;
            UPDATE accounts SET born = born + 1 WHERE id = 140;
            UPDATE accounts SET local_time = local_time + interval '1 microsecond' WHERE id = 150;
            UPDATE accounts SET n = n + 1, name = 'renamed' WHERE id = 160;
            """;

    static final List<ChangedRow> CHANGED = List.of(
            changed("20", "n"), changed("30", "amount"), changed("40", "name"), changed("50", "code"), changed("60", "photo", "notes"),
            changed("70", "created"), changed("80", "active"), changed("95", "attrs"), changed("110", "ratio"), changed("120", "doc"),
            changed("130", "ext"), changed("140", "born"), changed("150", "local_time"), changed("160", "n", "name"));

    private PlantedAccounts() {
    }

    private static ChangedRow changed(String key, String... columns) {
        return new ChangedRow(Key.of(key), List.of(columns));
    }
}
