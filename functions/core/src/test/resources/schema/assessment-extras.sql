-- What the schema assessment classifies beyond rich-source.sql (run after it): a large object, an event trigger,
-- objects owned by and granted to other roles, a table without a primary key, columns of types DMS does not migrate
-- as they are (an OID and an unbounded numeric), and an extension in a selected schema.
-- Roles belong to the cluster, not the database: create them once.
DO $$
BEGIN
    CREATE ROLE assessment_app_owner NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;
DO $$
BEGIN
    CREATE ROLE assessment_app_reader NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;

CREATE EXTENSION xml2 WITH SCHEMA shop;

SELECT lo_from_bytea(0, convert_to('a scanned invoice', 'UTF8'));

CREATE FUNCTION shop.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'ddl: %', tg_tag;
END
$$;
CREATE EVENT TRIGGER shop_ddl_log ON ddl_command_end EXECUTE FUNCTION shop.log_ddl();

CREATE TABLE shop.page_views (viewed_at timestamptz NOT NULL DEFAULT now(), path text NOT NULL);
INSERT INTO shop.page_views (path) SELECT '/page/' || g FROM generate_series(1, 5) g;

CREATE TABLE shop.measurements (id integer PRIMARY KEY, reading numeric, scan oid);
INSERT INTO shop.measurements SELECT g, g / 3.0, NULL FROM generate_series(1, 3) g;

ALTER TABLE shop.audit_log OWNER TO assessment_app_owner;
GRANT SELECT ON shop.orders, shop.customers TO assessment_app_reader;
GRANT USAGE ON SCHEMA shop TO assessment_app_reader;
