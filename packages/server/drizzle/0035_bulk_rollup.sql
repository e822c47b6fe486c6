-- Issue 18: the seeder's bulk copies (`hotline.bulk`, 0033) add their roll-up themselves, once, set-based
-- (analytics/copied-figures.ts addCopiedRollup), instead of through this trigger per statement. With the trigger,
-- every range of copies upserted the (day, unit path, metric) rows its half a million contributions touch — at a
-- million orders each roll-up row about ten times over — and the two copying connections queued on the roll-up's
-- advisory lock from their contributions' insert to their commit (a million orders: 419 s before the roll-up,
-- 557–615 s with it). Only a bulk INSERT skips it: updates, deletes and every other transaction keep the trigger,
-- and the seeder's own copies are added to the roll-up under the same advisory lock, from what they were written from.
CREATE OR REPLACE FUNCTION analytics_daily_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('hotline.bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
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
