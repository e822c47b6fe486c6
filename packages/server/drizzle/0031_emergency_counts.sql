-- The emergency mechanism (issue 11) takes in any order with a risk flag of 危众多大隐 as well as priority major: the
-- counter kind 'major' (orders of priority major in a unit's subtree) becomes 'emergency' (orders in the mechanism,
-- orders/domain/effective-priority.ts `isEmergency`), so the leaders' emergency view is counted from the counters
-- and lists the flagged orders too. The keys take the risk flags; the update trigger wakes on a change of flags.
-- Locked against writers while the kind is swapped (the migration is one transaction): a change committed in between
-- would be counted under the old kind, or twice.
LOCK TABLE work_orders IN SHARE MODE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION order_count_keys(visible uuid[], holder uuid, holder_path text, intake uuid, priority text, risk_flags text[], type_code text)
RETURNS TABLE (unit_id uuid, kind text) LANGUAGE sql IMMUTABLE AS $$
  (SELECT DISTINCT u, 'visible'::text FROM unnest(visible) u)
  UNION ALL SELECT holder, 'holder' WHERE holder IS NOT NULL
  UNION ALL (SELECT DISTINCT p::uuid, 'subtree' FROM unnest(string_to_array(trim(both '/' from holder_path), '/')) p)
  UNION ALL (SELECT DISTINCT p::uuid, 'emergency' FROM unnest(string_to_array(trim(both '/' from holder_path), '/')) p
             WHERE priority = 'major' OR risk_flags && ARRAY['danger', 'mass', 'repeat', 'large', 'hidden']::text[])
  UNION ALL SELECT intake, 'intake' WHERE intake IS NOT NULL
  UNION ALL (SELECT DISTINCT u, 'consult' FROM unnest(visible) u WHERE type_code = 'consult')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION order_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE OR REPLACE FUNCTION order_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (a deadline, a version, a note's fields) touch nothing counted: nothing to write.
  IF NOT EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.state, o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code, o.created_at)
      IS DISTINCT FROM (n.state, n.visible_to, n.holder_unit_id, n.holder_unit_path, n.intake_unit_id, n.priority, n.risk_flags, n.type_code, n.created_at)
  ) THEN
    RETURN NULL;
  END IF;
  WITH d AS (
    SELECT k.unit_id, k.kind, o.state, 1 AS delta
    FROM new_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
    UNION ALL
    SELECT k.unit_id, k.kind, o.state, -1
    FROM old_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
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
  FROM old_rows o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, kind, state, shard) DO UPDATE SET n = c.n + excluded.n;
  DELETE FROM order_unit_pages p USING old_rows o, unnest(o.visible_to) u
  WHERE p.unit_id = u AND p.created_at = o.created_at AND p.order_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP FUNCTION order_count_keys(uuid[], uuid, text, uuid, text, text);
--> statement-breakpoint
DELETE FROM order_counts WHERE kind = 'major';
--> statement-breakpoint
INSERT INTO order_counts AS c (unit_id, kind, state, shard, n)
SELECT k.unit_id, k.kind, o.state, 0, count(*)::int
FROM work_orders o, LATERAL order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
WHERE k.kind = 'emergency'
GROUP BY 1, 2, 3
ON CONFLICT (unit_id, kind, state, shard) DO UPDATE SET n = c.n + excluded.n;
