-- Bulk copies (issue 18, seeding by multiplication, src/demo/multiply.ts): a transaction that says
-- `set local hotline.bulk = 'on'` writes the derived rows of the rows it INSERTS itself, set-based, in the same
-- transaction (orders/order-bulk-counts.ts: counters and unit pages; analytics/copied-figures.ts: the figures), so
-- the triggers below skip those inserts. Transaction-local: a crash or a rollback cannot leave it on, and every other
-- transaction, and every update and delete, keeps the trigger path. Unset or anything but 'on' means off.
CREATE OR REPLACE FUNCTION order_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hotline.bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO order_counts AS c (unit_id, kind, state, shard, n)
  SELECT k.unit_id, k.kind, o.state, (pg_backend_pid() % 16)::smallint, count(*)::int
  FROM new_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, kind, state, shard) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO order_unit_pages (unit_id, created_at, order_id)
  SELECT DISTINCT u, o.created_at, o.id FROM new_rows o, unnest(o.visible_to) u
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_mark_order() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('hotline.bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_mark_order_of_row() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('hotline.bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.order_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
