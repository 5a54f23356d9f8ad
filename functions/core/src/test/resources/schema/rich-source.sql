-- A PostgreSQL 15 schema with most of what an application's database holds, for the schema and cutover tests:
-- extensions in a schema of their own, an ICU collation, enums, domains, composite and range types, arrays,
-- tsvector, generated and identity columns, serial and standalone sequences (one used through DEFAULT nextval,
-- one shared by a partitioned table, one counting down, one called with a text argument, one used by no column),
-- a partitioned table with a sub-partitioned and a default partition, an unlogged table, PL/pgSQL and SQL
-- functions, a procedure, triggers (one disabled), rules (one with two actions), views (one on another, one with a
-- check option, one on a materialized view), materialized views (with and without a unique index, one on another),
-- check, unique, exclusion and foreign key constraints, comments, and a schema whose name and sequence names hold a
-- dot, a quote and capitals.
-- Every table has rows; several sequences stand ahead of their rows, as after deletes.

CREATE SCHEMA ext;
CREATE EXTENSION citext WITH SCHEMA ext;
CREATE EXTENSION pg_trgm WITH SCHEMA ext;

CREATE SCHEMA shop;
COMMENT ON SCHEMA shop IS 'The shop''s tables';

CREATE COLLATION shop.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE DOMAIN shop.positive_amount AS numeric(12,2) CONSTRAINT positive_amount_check CHECK (VALUE > 0);
CREATE DOMAIN shop.email AS ext.citext CONSTRAINT email_has_at CHECK (VALUE ~ '@');
CREATE TYPE shop.address AS (street text, city text COLLATE "C", zip varchar(10));
CREATE TYPE shop.price_range AS RANGE (subtype = numeric);
COMMENT ON TYPE shop.order_status IS 'Where an order stands';

CREATE SEQUENCE shop.invoice_number_seq AS integer START WITH 1000 INCREMENT BY 5;
CREATE SEQUENCE shop.event_id_seq;
CREATE SEQUENCE shop.unused_seq START WITH 10;
CREATE SEQUENCE shop.countdown_seq INCREMENT BY -1 MINVALUE -1000 MAXVALUE 100 START WITH 100;
CREATE SEQUENCE shop.legacy_number_seq;

-- SQL-standard bodies are parsed when created: this one needs no table, the generated column below needs it.
CREATE FUNCTION shop.with_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN round(amount * 1.2, 2);

CREATE TABLE shop.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) PRIMARY KEY,
    email shop.email NOT NULL,
    name text NOT NULL,
    nickname text COLLATE shop.case_insensitive,
    address shop.address,
    tags text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(nickname, ''))) STORED,
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_name_not_blank CHECK (btrim(name) <> '')
);
COMMENT ON TABLE shop.customers IS 'People who order';
COMMENT ON COLUMN shop.customers.tags IS 'Free labels';

CREATE TABLE shop.products (
    id serial PRIMARY KEY,
    sku text NOT NULL,
    description text,
    price shop.positive_amount NOT NULL,
    price_with_tax numeric GENERATED ALWAYS AS (shop.with_tax(price)) STORED,
    allowed_prices shop.price_range,
    weight_grams integer CHECK (weight_grams >= 0)
);
CREATE UNIQUE INDEX products_sku_lower_idx ON shop.products (lower(sku));
CREATE INDEX products_description_trgm_idx ON shop.products USING gin (description ext.gin_trgm_ops);

CREATE TABLE shop.orders (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers (id),
    status shop.order_status NOT NULL DEFAULT 'new',
    status_history shop.order_status[] NOT NULL DEFAULT '{new}',
    total shop.positive_amount,
    invoice_number integer DEFAULT nextval('shop.invoice_number_seq'),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orders_total_reasonable CHECK (total IS NULL OR total < 1000000)
);
COMMENT ON TABLE shop.orders IS 'One order per checkout';
COMMENT ON COLUMN shop.orders.status IS 'new, paid, shipped or cancelled';
CREATE INDEX orders_open_status_idx ON shop.orders (status) WHERE status <> 'cancelled';
CREATE INDEX orders_customer_idx ON shop.orders (customer_id, updated_at DESC);

CREATE TABLE shop.order_lines (
    order_id integer NOT NULL REFERENCES shop.orders (id) ON DELETE CASCADE,
    line_no smallint NOT NULL,
    product_id integer NOT NULL,
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_product_fk FOREIGN KEY (product_id) REFERENCES shop.products (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE shop.audit_log (
    id bigserial PRIMARY KEY,
    happened_at timestamptz NOT NULL DEFAULT now(),
    what text NOT NULL
);

CREATE TABLE shop.archived_orders (LIKE shop.orders INCLUDING DEFAULTS);
ALTER TABLE shop.archived_orders ADD PRIMARY KEY (id);

CREATE TABLE shop.events (
    id bigint NOT NULL DEFAULT nextval('shop.event_id_seq'),
    occurred_on date NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    customer_id bigint REFERENCES shop.customers (id),
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, occurred_on, region)
) PARTITION BY RANGE (occurred_on);
CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE shop.events_2025 PARTITION OF shop.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
    PARTITION BY LIST (region);
CREATE TABLE shop.events_2025_eu PARTITION OF shop.events_2025 FOR VALUES IN ('eu');
CREATE TABLE shop.events_2025_world PARTITION OF shop.events_2025 FOR VALUES IN ('us', 'asia', 'other');
CREATE TABLE shop.events_other PARTITION OF shop.events DEFAULT;
CREATE INDEX events_payload_idx ON shop.events USING gin (payload);
CREATE INDEX events_2024_customer_idx ON shop.events_2024 (customer_id);

CREATE UNLOGGED TABLE shop.sessions (
    id bigserial PRIMARY KEY,
    token uuid NOT NULL UNIQUE,
    customer_id bigint,
    user_agent text,
    expires_at timestamptz NOT NULL,
    updated_at timestamptz
) WITH (fillfactor = 70);

CREATE TABLE shop.bookings (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    room text NOT NULL,
    during tsrange NOT NULL,
    countdown integer NOT NULL DEFAULT nextval('shop.countdown_seq'),
    EXCLUDE USING gist (during WITH &&)
);

-- nextval with a text argument: resolved at each call, so pg_depend does not record the sequence.
CREATE TABLE shop.legacy_notes (
    id integer PRIMARY KEY DEFAULT nextval('shop.legacy_number_seq'::text),
    note text NOT NULL
);

CREATE FUNCTION shop.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE FUNCTION shop.audit_line() RETURNS trigger LANGUAGE plpgsql SET search_path = shop, pg_catalog AS $$
BEGIN
    INSERT INTO audit_log (what) VALUES (format('line %s of order %s', NEW.line_no, NEW.order_id));
    RETURN NULL;
END
$$;

CREATE FUNCTION shop.stamp_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.payload := NEW.payload || jsonb_build_object('stamped', true);
    RETURN NEW;
END
$$;

-- Needs the table's row type, so it comes after the table; the view below needs the function.
CREATE FUNCTION shop.recent_orders(since interval DEFAULT '30 days') RETURNS SETOF shop.orders
    LANGUAGE sql STABLE AS $$ SELECT * FROM shop.orders WHERE updated_at > now() - since $$;

-- A SQL-standard body: parsed at creation, so it depends on its table in pg_depend.
CREATE FUNCTION shop.customer_count() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM shop.customers;
END;
COMMENT ON FUNCTION shop.customer_count() IS 'How many customers there are';

CREATE PROCEDURE shop.cancel_order(p_order integer) LANGUAGE plpgsql AS $$
BEGIN
    UPDATE shop.orders SET status = 'cancelled', status_history = status_history || 'cancelled'::shop.order_status
    WHERE id = p_order;
END
$$;

CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.touch_updated_at();
CREATE TRIGGER order_lines_audit AFTER INSERT ON shop.order_lines FOR EACH ROW EXECUTE FUNCTION shop.audit_line();
CREATE TRIGGER events_stamp BEFORE INSERT ON shop.events FOR EACH ROW EXECUTE FUNCTION shop.stamp_event();
CREATE TRIGGER sessions_touch_disabled BEFORE UPDATE ON shop.sessions FOR EACH ROW
    WHEN (OLD.expires_at IS DISTINCT FROM NEW.expires_at) EXECUTE FUNCTION shop.touch_updated_at();
ALTER TABLE shop.sessions DISABLE TRIGGER sessions_touch_disabled;

CREATE RULE archived_orders_keep AS ON DELETE TO shop.archived_orders DO INSTEAD NOTHING;
CREATE RULE archived_orders_log AS ON UPDATE TO shop.archived_orders DO ALSO (
    INSERT INTO shop.audit_log (what) VALUES ('archived order ' || NEW.id || ' changed');
    INSERT INTO shop.audit_log (what) VALUES ('two actions; one rule')
);

CREATE VIEW shop.customer_orders AS
    SELECT c.id AS customer_id, c.name, count(o.id) AS orders, coalesce(sum(o.total), 0) AS spent
    FROM shop.customers c LEFT JOIN shop.orders o ON o.customer_id = c.id GROUP BY c.id, c.name;
CREATE VIEW shop.big_spenders AS SELECT * FROM shop.customer_orders WHERE spent > 100;
CREATE VIEW shop.paid_orders AS SELECT * FROM shop.orders WHERE status = 'paid' WITH LOCAL CHECK OPTION;
CREATE VIEW shop.recent AS SELECT id, status FROM shop.recent_orders();
COMMENT ON VIEW shop.big_spenders IS 'Customers who spent more than 100';

CREATE MATERIALIZED VIEW shop.daily_revenue AS
    SELECT date_trunc('day', updated_at)::date AS day, sum(total) AS revenue, count(*) AS orders
    FROM shop.orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day_idx ON shop.daily_revenue (day);
CREATE MATERIALIZED VIEW shop.status_counts AS SELECT status, count(*) AS n FROM shop.orders GROUP BY status;
CREATE MATERIALIZED VIEW shop.best_day AS SELECT day, revenue FROM shop.daily_revenue ORDER BY revenue DESC NULLS LAST LIMIT 1;
-- A plain view on a materialized view: it can only be created once the materialized view exists.
CREATE VIEW shop.best_day_label AS SELECT day::text || ': ' || revenue AS label FROM shop.best_day;

-- Names with a dot, a quote and capitals, in a schema named the same way.
CREATE SCHEMA "Odd.Schema ""Q""";
CREATE SEQUENCE "Odd.Schema ""Q"""."Mixed.Seq ""X""" START WITH 500;
CREATE TABLE "Odd.Schema ""Q"""."Mixed Table" (
    "Id" integer PRIMARY KEY DEFAULT nextval('"Odd.Schema ""Q"""."Mixed.Seq ""X"""'),
    "Value" text NOT NULL
);
CREATE TABLE "Odd.Schema ""Q"""."Tickets" (
    "TicketId" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "MixedId" integer REFERENCES "Odd.Schema ""Q"""."Mixed Table" ("Id"),
    "Title" text
);
CREATE INDEX "Tickets.Title idx" ON "Odd.Schema ""Q"""."Tickets" ("Title");

-- The application's rows.
INSERT INTO shop.customers (email, name, nickname, address, tags)
SELECT 'user' || g || '@example.com', 'Customer ' || g, CASE WHEN g % 2 = 0 THEN 'Nick' || g END,
       ROW('Street ' || g, 'City', lpad(g::text, 5, '0'))::shop.address, ARRAY['t' || g % 3]
FROM generate_series(1, 30) g;
INSERT INTO shop.products (sku, description, price, allowed_prices, weight_grams)
SELECT 'SKU-' || g, 'Product number ' || g, g * 3.5, numrange(g, g * 10)::text::shop.price_range, g * 100
FROM generate_series(1, 12) g;
INSERT INTO shop.orders (customer_id, status, total, updated_at)
SELECT 100 + g % 30, (ARRAY['new', 'paid', 'shipped', 'cancelled'])[1 + g % 4]::shop.order_status, g * 7.25,
       timestamptz '2025-03-01 10:00+00' + g * interval '7 hours'
FROM generate_series(1, 60) g;
INSERT INTO shop.order_lines (order_id, line_no, product_id, quantity)
SELECT o, l, 1 + (o * l) % 12, l FROM generate_series(1, 60) o, generate_series(1, 3) l;
INSERT INTO shop.archived_orders SELECT * FROM shop.orders WHERE id <= 5;
INSERT INTO shop.events (occurred_on, region, customer_id, payload)
SELECT date '2024-06-01' + g * 7, (ARRAY['eu', 'us', 'asia'])[1 + g % 3], 100 + g % 30, jsonb_build_object('n', g)
FROM generate_series(1, 90) g;
INSERT INTO shop.sessions (token, customer_id, user_agent, expires_at)
SELECT gen_random_uuid(), 100 + g, 'agent ' || g, now() + interval '1 day' FROM generate_series(1, 8) g;
INSERT INTO shop.bookings (room, during)
SELECT 'Room ' || g, tsrange(timestamp '2025-01-01' + g * interval '1 day', timestamp '2025-01-01' + g * interval '1 day' + interval '2 hours')
FROM generate_series(1, 10) g;
INSERT INTO shop.legacy_notes (note) SELECT 'note ' || g FROM generate_series(1, 4) g;
INSERT INTO "Odd.Schema ""Q"""."Mixed Table" ("Value") SELECT 'value ' || g FROM generate_series(1, 7) g;
INSERT INTO "Odd.Schema ""Q"""."Tickets" ("MixedId", "Title") SELECT 500 + g % 7, 'Ticket ' || g FROM generate_series(1, 9) g;

-- Ids handed out and then deleted: the sequences stand ahead of the rows that remain.
DELETE FROM shop.orders WHERE id > 55;
SELECT setval('shop.invoice_number_seq', 5000);
SELECT setval('shop.unused_seq', 77);
SELECT setval('"Odd.Schema ""Q"""."Mixed.Seq ""X"""', 900, false);

REFRESH MATERIALIZED VIEW shop.daily_revenue;
REFRESH MATERIALIZED VIEW shop.status_counts;
REFRESH MATERIALIZED VIEW shop.best_day;
