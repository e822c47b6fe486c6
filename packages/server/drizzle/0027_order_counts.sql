CREATE TABLE "order_counts" (
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"shard" smallint NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "order_counts_unit_id_kind_state_shard_pk" PRIMARY KEY("unit_id","kind","state","shard")
);
--> statement-breakpoint
CREATE TABLE "order_unit_pages" (
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"order_id" uuid NOT NULL,
	CONSTRAINT "order_unit_pages_unit_id_created_at_order_id_pk" PRIMARY KEY("unit_id","created_at","order_id")
);
--> statement-breakpoint
CREATE INDEX "order_co_handlers_unit_idx" ON "order_co_handlers" USING btree ("unit_id") WHERE "order_co_handlers"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "work_orders_due_order_idx" ON "work_orders" USING btree (coalesce("current_due_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "work_orders_state_due_idx" ON "work_orders" USING btree ("state",coalesce("current_due_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
-- Issue 18: counts and first pages that stay flat with the table. Hand-written below: the keys an order is counted
-- under (src/orders/order-counts.tables.ts says what each kind means), the statement-level triggers that keep
-- order_counts and order_unit_pages in the transaction of every change, and the backfill of existing orders.
CREATE OR REPLACE FUNCTION order_count_keys(visible uuid[], holder uuid, holder_path text, intake uuid, priority text, type_code text)
RETURNS TABLE (unit_id uuid, kind text) LANGUAGE sql IMMUTABLE AS $$
  (SELECT DISTINCT u, 'visible'::text FROM unnest(visible) u)
  UNION ALL SELECT holder, 'holder' WHERE holder IS NOT NULL
  UNION ALL (SELECT DISTINCT p::uuid, 'subtree' FROM unnest(string_to_array(trim(both '/' from holder_path), '/')) p)
  UNION ALL (SELECT DISTINCT p::uuid, 'major' FROM unnest(string_to_array(trim(both '/' from holder_path), '/')) p WHERE priority = 'major')
  UNION ALL SELECT intake, 'intake' WHERE intake IS NOT NULL
  UNION ALL (SELECT DISTINCT u, 'consult' FROM unnest(visible) u WHERE type_code = 'consult')
$$;
--> statement-breakpoint
-- Rows are written sorted by key (one statement per change), so two writers sharing a shard take the rows in the
-- same order. The shard is the backend's pid mod 16: concurrent transactions run on different connections.
CREATE OR REPLACE FUNCTION order_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_counts AS c (unit_id, kind, state, shard, n)
  SELECT k.unit_id, k.kind, o.state, (pg_backend_pid() % 16)::smallint, count(*)::int
  FROM new_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.type_code) k
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, kind, state, shard) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO order_unit_pages (unit_id, created_at, order_id)
  SELECT DISTINCT u, o.created_at, o.id FROM new_rows o, unnest(o.visible_to) u
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION order_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (a deadline, a version, a note's fields) touch nothing counted: nothing to write.
  IF NOT EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.state, o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.type_code, o.created_at)
      IS DISTINCT FROM (n.state, n.visible_to, n.holder_unit_id, n.holder_unit_path, n.intake_unit_id, n.priority, n.type_code, n.created_at)
  ) THEN
    RETURN NULL;
  END IF;
  WITH d AS (
    SELECT k.unit_id, k.kind, o.state, 1 AS delta
    FROM new_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.type_code) k
    UNION ALL
    SELECT k.unit_id, k.kind, o.state, -1
    FROM old_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.type_code) k
  )
  INSERT INTO order_counts AS c (unit_id, kind, state, shard, n)
  SELECT unit_id, kind, state, (pg_backend_pid() % 16)::smallint, sum(delta)::int
  FROM d GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, kind, state, shard) DO UPDATE SET n = c.n + excluded.n;
  DELETE FROM order_unit_pages p
  USING (SELECT u, o.created_at, o.id FROM old_rows o, unnest(o.visible_to) u
         EXCEPT SELECT u, o.created_at, o.id FROM new_rows o, unnest(o.visible_to) u) g (unit_id, created_at, order_id)
  WHERE p.unit_id = g.unit_id AND p.created_at = g.created_at AND p.order_id = g.order_id;
  INSERT INTO order_unit_pages (unit_id, created_at, order_id)
  SELECT u, o.created_at, o.id FROM new_rows o, unnest(o.visible_to) u
  EXCEPT SELECT u, o.created_at, o.id FROM old_rows o, unnest(o.visible_to) u
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION order_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_counts AS c (unit_id, kind, state, shard, n)
  SELECT k.unit_id, k.kind, o.state, (pg_backend_pid() % 16)::smallint, -count(*)::int
  FROM old_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.type_code) k
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, kind, state, shard) DO UPDATE SET n = c.n + excluded.n;
  DELETE FROM order_unit_pages p USING old_rows o, unnest(o.visible_to) u
  WHERE p.unit_id = u AND p.created_at = o.created_at AND p.order_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
INSERT INTO order_counts (unit_id, kind, state, shard, n)
SELECT k.unit_id, k.kind, o.state, 0, count(*)::int
FROM work_orders o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.type_code) k
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO order_unit_pages (unit_id, created_at, order_id)
SELECT DISTINCT u, o.created_at, o.id FROM work_orders o, unnest(o.visible_to) u;
--> statement-breakpoint
CREATE TRIGGER work_orders_counts_insert AFTER INSERT ON work_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER work_orders_counts_update AFTER UPDATE ON work_orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_counts_on_update();
--> statement-breakpoint
CREATE TRIGGER work_orders_counts_delete AFTER DELETE ON work_orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_counts_on_delete();
