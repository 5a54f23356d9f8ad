-- A MariaDB shop written for the MySQL -> PostgreSQL conversion tests: every row of the cast table, enum and set,
-- zero-date defaults and values, prefix and FULLTEXT indexes, foreign keys, checks, ON UPDATE CURRENT_TIMESTAMP,
-- a generated column, a reserved-word and a mixed-case name, and what needs a person: a view, a procedure, a
-- function, a trigger and an event. Run in an empty utf8mb4 database with the server's default sql_mode.

CREATE TABLE customers (
    id int unsigned NOT NULL AUTO_INCREMENT,
    email varchar(190) NOT NULL,
    name varchar(100) COLLATE utf8mb4_bin,
    active tinyint(1) NOT NULL DEFAULT 1,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_email (email)
) AUTO_INCREMENT = 1000 COMMENT = 'who buys';

CREATE TABLE orders (
    id bigint unsigned NOT NULL AUTO_INCREMENT,
    customer_id int unsigned NOT NULL,
    status enum('new', 'paid', 'shipped', 'it''s') NOT NULL DEFAULT 'new',
    tags set('gift', 'express', 'fragile') DEFAULT 'gift,express',
    total decimal(12,2) NOT NULL DEFAULT 0.00 COMMENT 'with tax',
    ordered_on date DEFAULT '0000-00-00',
    shipped_at datetime(3) NOT NULL DEFAULT '0000-00-00 00:00:00.000',
    note text,
    PRIMARY KEY (id),
    KEY idx_customer (customer_id),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT chk_total CHECK (total >= 0 AND total < 1000000)
) AUTO_INCREMENT = 5000;

CREATE TABLE `OrderItems` (
    `OrderId` bigint unsigned NOT NULL,
    `LineNo` smallint NOT NULL,
    `user` varchar(40),
    qty int NOT NULL DEFAULT 1,
    PRIMARY KEY (`OrderId`, `LineNo`),
    CONSTRAINT fk_items_order FOREIGN KEY (`OrderId`) REFERENCES orders (id)
);

CREATE TABLE all_types (
    id int NOT NULL,
    flag tinyint(1),
    ti tinyint,
    tiu tinyint unsigned,
    si smallint,
    siu smallint unsigned,
    mi mediumint,
    miu mediumint unsigned,
    i int,
    iu int unsigned,
    bi bigint,
    biu bigint unsigned,
    d decimal(10,3) DEFAULT 1.500,
    f float,
    db double,
    b1 bit(1) DEFAULT b'1',
    b5 bit(5) DEFAULT b'101',
    c char(4) DEFAULT 'ab',
    vc varchar(20) DEFAULT 'it''s',
    tt tinytext,
    tx text,
    mt mediumtext,
    lt longtext,
    bn binary(4),
    vb varbinary(16),
    tb tinyblob,
    bl blob,
    mb mediumblob,
    lb longblob,
    js json,
    dt date,
    dtm datetime,
    ts timestamp NULL DEFAULT NULL,
    tm time(2),
    yr year DEFAULT 2024,
    u uuid,
    ip inet6,
    `order` int,
    i_twice int AS (i * 2) VIRTUAL,
    q int CHECK (q <> 5),
    made varchar(10) DEFAULT (concat('a', 'b')),
    PRIMARY KEY (id)
);

CREATE TABLE articles (
    id int NOT NULL AUTO_INCREMENT,
    slug varchar(200) NOT NULL,
    title varchar(200) NOT NULL,
    body mediumtext,
    PRIMARY KEY (id),
    UNIQUE KEY uq_slug_prefix (slug(50)),
    KEY idx_title_prefix (title(20)),
    KEY idx_body_prefix (body(30)),
    FULLTEXT KEY ft_title_body (title, body)
);

CREATE TABLE places (
    id int NOT NULL,
    location geometry NOT NULL,
    PRIMARY KEY (id),
    SPATIAL KEY sp_location (location)
);

CREATE VIEW customer_totals AS
    SELECT c.id, c.email, SUM(o.total) AS total FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email;

CREATE PROCEDURE add_order(IN p_customer int, IN p_total decimal(12,2))
BEGIN
    INSERT INTO orders (customer_id, total) VALUES (p_customer, p_total);
END;

CREATE FUNCTION order_count(p_customer int) RETURNS int READS SQL DATA
    RETURN (SELECT COUNT(*) FROM orders WHERE customer_id = p_customer);

CREATE TRIGGER customers_lower_email BEFORE INSERT ON customers FOR EACH ROW SET NEW.email = LOWER(NEW.email);

CREATE EVENT purge_new_orders ON SCHEDULE EVERY 1 DAY
    DO DELETE FROM orders WHERE status = 'new' AND ordered_on < NOW() - INTERVAL 1 YEAR;

INSERT INTO customers (id, email, name, active, created_at, updated_at) VALUES
    (1, 'ann@example.com', 'Ann', 1, '2024-01-01 10:00:00', '2024-01-02 10:00:00'),
    (2, 'Bob@Example.com', 'bob', 0, '2024-01-01 11:00:00', '2024-01-02 11:00:00'),
    (3, 'cy@example.com', NULL, 1, '2024-01-01 12:00:00', '2024-01-02 12:00:00');

INSERT INTO orders (id, customer_id, status, tags, total, ordered_on, shipped_at, note) VALUES
    (1, 1, 'paid', 'gift', 10.50, '2024-02-01', '2024-02-02 09:30:00.250', 'first'),
    (2, 1, 'it''s', '', 0.00, '0000-00-00', '0000-00-00 00:00:00', NULL),
    (3, 2, 'shipped', 'express,fragile', 999.99, '2024-03-01', '2024-03-02 00:00:00', 'trailing  ');

INSERT INTO `OrderItems` (`OrderId`, `LineNo`, `user`, qty) VALUES (1, 1, 'ann', 2), (1, 2, NULL, 1), (3, 1, 'bob', 5);

INSERT INTO all_types (id, flag, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, d, f, db, b1, b5, c, vc, tt, tx, mt, lt, bn, vb, tb, bl, mb, lb,
                       js, dt, dtm, ts, tm, yr, u, ip, `order`, q, made) VALUES
    (1, 1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
     1234567.891, 1.5, 2.25, b'0', b'10110', 'xy', 'hello  ', 'tiny', 'text', 'medium', 'long', X'00010203', X'DEADBEEF', X'01', X'0203',
     X'04', X'05', '{"b": 1, "a": [1, 2]}', '2024-02-29', '2024-02-29 23:59:59', '2024-06-01 12:00:00', '01:30:00.25', 1999,
     '123e4567-e89b-12d3-a456-426614174000', '2001:db8::1', 7, 1, 'x'),
    (2, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.001, -0.5, -0.25, b'1', b'00001', 'abcd', '', '', '', '', '', X'FFFFFFFF', X'', X'', X'',
     X'', X'', '[]', '1000-01-01', '9999-12-31 23:59:59', '1970-01-01 00:00:01', '00:00:00', 1901, NULL, '::ffff:127.0.0.1', NULL, NULL, DEFAULT),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO articles (id, slug, title, body) VALUES
    (1, 'hello-world', 'Hello world', 'The first article about migrations'),
    (2, 'second', 'Second thoughts', 'Schemas convert, procedures need people'),
    (3, 'third', 'Third', NULL);

INSERT INTO places (id, location) VALUES (1, ST_GeomFromText('POINT(1 2)'));
