-- The mpt_id type: every accepted and rejected literal, binary round trip,
-- ordering, hashing, index use and id generation.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;

-- accepted forms: 2, 3 and 4 groups, any upper-case prefix; output equals input
SELECT 'PRG-1234-5678'::mpt_id, 'ENR-3965-5056-7966'::mpt_id,
       'ENA-3965-5056-7966-0001'::mpt_id, 'ZZZ-0000-0000'::mpt_id;
SELECT mpt_id_prefix('PPM-9643-3741-0001'), mpt_id_groups('PPM-9643-3741-0001'),
       mpt_id_is('CER-9646-2171-8417', 'CER', 3), mpt_id_is('CER-9646-2171', 'CER', 3);

-- rejected forms, each with the rule it breaks
SELECT ''::mpt_id;
SELECT 'PRG'::mpt_id;
SELECT 'PRG-'::mpt_id;
SELECT 'prg-1234-5678'::mpt_id;
SELECT 'PR-1234-5678'::mpt_id;
SELECT 'PRG1-1234-5678'::mpt_id;
SELECT 'PRG-1234'::mpt_id;
SELECT 'PRG-123-5678'::mpt_id;
SELECT 'PRG-12345-678'::mpt_id;
SELECT 'PRG-1234-567a'::mpt_id;
SELECT 'PRG-1234-5678-'::mpt_id;
SELECT 'PRG-1234--5678'::mpt_id;
SELECT 'PRG_1234_5678'::mpt_id;
SELECT ' PRG-1234-5678'::mpt_id;
SELECT 'PRG-1234-5678 '::mpt_id;
SELECT 'PRG-1234-5678-9012-3456-7890'::mpt_id;
SELECT 'ÄRG-1234-5678'::mpt_id;
SELECT 'PRG-１２３４-5678'::mpt_id;
SELECT repeat('PRG-1234', 1000)::mpt_id;
-- NULL stays NULL
SELECT NULL::mpt_id IS NULL AS is_null;

-- casts to and from text and varchar go through the same validation
SELECT 'PRG-1234-5678'::text::mpt_id, ('PRG-1234-5678'::mpt_id)::text,
       'PRG-1234-5678'::varchar::mpt_id, length('PRG-1234-5678'::mpt_id);
SELECT 'nonsense'::text::mpt_id;
SELECT to_jsonb('ENR-3965-5056-7966'::mpt_id), row_to_json(row('ENR-3965-5056-7966'::mpt_id));

-- ordering equals text ordering, including ids of different lengths
CREATE TEMP TABLE ids (id mpt_id);
INSERT INTO ids VALUES ('PRG-1234-5678-0001'), ('PRG-1234-5678'), ('ENR-9999-9999-9999'),
    ('PRG-1234-5678-0000'), ('PRG-0000-0001'), ('ACC-5000-0000'), ('PRG-1234-5679'),
    ('PRG-1234-0000-9999'), ('PTM-0000-0000-0000');
SELECT id FROM ids ORDER BY id;
SELECT bool_and((a.id < b.id) = (a.id::text < b.id::text)
            AND (a.id = b.id) = (a.id::text = b.id::text)
            AND (a.id >= b.id) = (a.id::text >= b.id::text)) AS order_matches_text
  FROM ids a, ids b;
SELECT mpt_id_cmp('PRG-1234-5678', 'PRG-1234-5678'), mpt_id_cmp('PRG-1234-5678', 'PRG-1234-5678-0000'),
       mpt_id_cmp('PRH-0000-0000', 'PRG-9999-9999');
SELECT 'PRG-1234-5678'::mpt_id <> 'PRG-1234-5678', 'PRG-1234-5678'::mpt_id <= 'PRG-1234-5678';

-- the hash depends only on the value (never change these numbers: a Citus cluster
-- places rows by them)
SELECT mpt_id_hash('PRG-1234-5678'), mpt_id_hash_extended('PRG-1234-5678', 0),
       mpt_id_hash_extended('PRG-1234-5678', 42);
SELECT mpt_id_hash('PRG-1234-5678'::text::mpt_id) = mpt_id_hash('PRG-1234-5678') AS stable;

-- hash and merge joins, hash aggregation, btree and hash indexes all work
SET enable_sort = off;
SELECT count(DISTINCT id) FROM ids;
RESET enable_sort;
CREATE TEMP TABLE many AS
    SELECT mpt_id_generate('ENR', 3, g) AS id, g FROM generate_series(1, 20000) g;
CREATE INDEX many_btree ON many (id);
CREATE INDEX many_hash ON many USING hash (id);
ANALYZE many;
SELECT count(*) = count(DISTINCT id) AS generated_ids_are_unique FROM many;
EXPLAIN (COSTS OFF) SELECT g FROM many WHERE id = 'ENR-3199-3618-7826';
SELECT g FROM many WHERE id = 'ENR-3199-3618-7826';
SET enable_indexscan = off; SET enable_bitmapscan = on;
DROP INDEX many_btree;
EXPLAIN (COSTS OFF) SELECT g FROM many WHERE id = 'ENR-3199-3618-7826';
SELECT g FROM many WHERE id = 'ENR-3199-3618-7826';
RESET enable_indexscan; RESET enable_bitmapscan;
EXPLAIN (COSTS OFF) SELECT count(*) FROM many a JOIN many b USING (id);
SELECT count(*) FROM many a JOIN many b USING (id);
SET enable_hashjoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM many a JOIN many b USING (id);
SELECT count(*) FROM many a JOIN many b USING (id);
RESET enable_hashjoin; RESET enable_nestloop;

-- binary COPY round trip
\copy many TO 'results/mpt_id.bin' WITH (FORMAT binary)
CREATE TEMP TABLE many2 (LIKE many);
\copy many2 FROM 'results/mpt_id.bin' WITH (FORMAT binary)
SELECT count(*) FROM many2 JOIN many USING (id, g);
-- the binary form: version 0, prefix, group count, left-aligned digits
SELECT mpt_id_send('PRG-1234-5678');
SELECT mpt_id_send('ENA-3965-5056-7966-0001');
-- recv validates like text input: hand-made binary COPY files with one bad field each
CREATE TEMP TABLE one (id mpt_id);
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\015\000PRG\002\000\004\142\325\067\053\216\000\377\377' > results/mpt_id_good.bin
\copy one FROM 'results/mpt_id_good.bin' WITH (FORMAT binary)
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\015\001PRG\002\000\004\142\325\067\053\216\000\377\377' > results/mpt_id_bad1.bin
\copy one FROM 'results/mpt_id_bad1.bin' WITH (FORMAT binary)
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\015\000PrG\002\000\004\142\325\067\053\216\000\377\377' > results/mpt_id_bad2.bin
\copy one FROM 'results/mpt_id_bad2.bin' WITH (FORMAT binary)
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\015\000PRG\005\000\004\142\325\067\053\216\000\377\377' > results/mpt_id_bad3.bin
\copy one FROM 'results/mpt_id_bad3.bin' WITH (FORMAT binary)
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\015\000PRG\002\000\004\142\325\067\053\216\001\377\377' > results/mpt_id_bad4.bin
\copy one FROM 'results/mpt_id_bad4.bin' WITH (FORMAT binary)
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\014\000PRG\002\000\004\142\325\067\053\216\377\377' > results/mpt_id_bad5.bin
\copy one FROM 'results/mpt_id_bad5.bin' WITH (FORMAT binary)
SELECT * FROM one;

-- generation: random-looking, deterministic, never the all-zero id, bounds checked
SELECT mpt_id_generate('PRG', 2, 1), mpt_id_generate('PRG', 2, 2), mpt_id_generate('CER', 3, 1),
       mpt_id_generate('ENR', 3, 1), mpt_id_generate('ENR', 4, 1);
SELECT count(*) AS zero_ids FROM many WHERE id = 'ENR-0000-0000-0000';
SELECT count(DISTINCT mpt_id_generate('PRG', 2, g)) FROM generate_series(1, 100000) g;
SELECT mpt_id_generate('PRG', 2, 99999999) IS NOT NULL AS last_value_ok;
SELECT mpt_id_generate('PRG', 2, 100000000);
SELECT mpt_id_generate('PRG', 2, 0);
SELECT mpt_id_generate('PRG', 5, 1);
SELECT mpt_id_generate('prg', 2, 1);
SELECT mpt_id_generate('PRGX', 2, 1);

-- children: per-parent sequence numbers appended to the parent's digits
SELECT mpt_id_child('PRG-9643-3741', 'PPM', 1), mpt_id_child('PRG-9643-3741', 'PTM', 9999),
       mpt_id_child('ENR-3965-5056-7966', 'ENA', 1);
SELECT mpt_id_child('PRG-9643-3741', 'PPM', 0);
SELECT mpt_id_child('PRG-9643-3741', 'PPM', 10000);
SELECT mpt_id_child('ENA-3965-5056-7966-0001', 'XXX', 1);
SELECT mpt_id_child('PRG-9643-3741', 'pp', 1);

-- errors carry SQLSTATE 22P02 (PostgREST answers 400)
\set VERBOSITY sqlstate
SELECT 'bad'::mpt_id;
SELECT mpt_id_child('PRG-9643-3741', 'PPM', 0);
\set VERBOSITY default
