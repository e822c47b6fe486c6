CREATE TABLE "analytics_daily" (
	"day" date NOT NULL,
	"unit_path" text NOT NULL,
	"metric" text NOT NULL,
	"value" numeric(20, 2) NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_daily_day_unit_path_metric_pk" PRIMARY KEY("day","unit_path","metric")
);
--> statement-breakpoint
CREATE INDEX "analytics_daily_unit_day_idx" ON "analytics_daily" USING btree ("unit_path" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "analytics_order_facts_open_due_idx" ON "analytics_order_facts" USING btree ("current_due_at") WHERE "analytics_order_facts"."state" in ('pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied');--> statement-breakpoint
-- Issue 13: the roll-up of the figures (src/analytics/analytics.tables.ts analyticsDaily, docs/decisions/0004 "The
-- roll-up"). Hand-written below: statement-level triggers that add every statement's inserted contributions and take
-- out its deleted ones (the refresh deletes and inserts an order's rows; the seeder's copies insert in bulk; any other
-- writer goes through the same triggers), in the transaction of the change, then the backfill.
--
-- Writers are serialized by a transaction-scoped advisory lock taken before any roll-up row is touched. Without it,
-- two refreshes running side by side (several instances, `for update skip locked` batches) each upsert an
-- overlapping set of (day, unit, metric) rows twice per transaction (the delete trigger, then the insert trigger):
-- within one statement rows are taken in key order, but across the two statements T1 can hold A and wait for B
-- while T2 holds B (from its first statement) and waits for A. With the lock, only its holder ever holds or waits
-- for roll-up rows, and a transaction waiting for it holds none; the holder goes on to write only rows of its own
-- orders (their contributions and fact rows; the seeder's copies and their search words), which no waiter holds,
-- then commits. Reentrant: the second trigger of the same transaction takes it again at once. Even a future writer
-- that broke this would meet PostgreSQL's deadlock detector (advisory locks take part), not a hang. The cost: the
-- roll-up's writes of concurrent refreshes queue; their reading and computing do not.
CREATE OR REPLACE FUNCTION analytics_daily_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1235100013);
  -- One function for the three triggers; each branch reads only the transition tables its operation has.
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO analytics_daily AS d (day, unit_path, metric, value, n)
    SELECT day, unit_path, metric, sum(value), sum(n)::int FROM (
      SELECT day, unit_path, metric, value, 1 AS n FROM new_rows
      UNION ALL SELECT day, unit_path, metric, -value, -1 FROM old_rows) c
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, unit_path, metric) DO UPDATE SET value = d.value + excluded.value, n = d.n + excluded.n;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_daily AS d (day, unit_path, metric, value, n)
    SELECT day, unit_path, metric, sum(value), count(*)::int FROM new_rows
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, unit_path, metric) DO UPDATE SET value = d.value + excluded.value, n = d.n + excluded.n;
  ELSE
    INSERT INTO analytics_daily AS d (day, unit_path, metric, value, n)
    SELECT day, unit_path, metric, -sum(value), -count(*)::int FROM old_rows
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, unit_path, metric) DO UPDATE SET value = d.value + excluded.value, n = d.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- TRUNCATE has no transition table: the roll-up of nothing is nothing.
CREATE OR REPLACE FUNCTION analytics_daily_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1235100013);
  DELETE FROM analytics_daily;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Triggers before the backfill: creating them locks analytics_contributions against writes until this migration
-- commits, so the backfill sums a table no one changes meanwhile.
CREATE TRIGGER analytics_daily_insert AFTER INSERT ON analytics_contributions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_daily_add();
--> statement-breakpoint
CREATE TRIGGER analytics_daily_update AFTER UPDATE ON analytics_contributions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_daily_add();
--> statement-breakpoint
CREATE TRIGGER analytics_daily_delete AFTER DELETE ON analytics_contributions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_daily_add();
--> statement-breakpoint
CREATE TRIGGER analytics_daily_truncate AFTER TRUNCATE ON analytics_contributions
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_daily_clear();
--> statement-breakpoint
INSERT INTO analytics_daily (day, unit_path, metric, value, n)
SELECT day, unit_path, metric, sum(value), count(*)::int FROM analytics_contributions GROUP BY 1, 2, 3;
