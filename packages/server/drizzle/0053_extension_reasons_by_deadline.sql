-- Approved extensions are now dated by the order's reply deadline in force, like the extension rate, instead of the day
-- they were approved (analytics/domain/contributions.ts `extensionsApproved`). The orders that have one get their
-- figures recomputed on the next read.
INSERT INTO analytics_dirty (order_id) SELECT DISTINCT order_id FROM order_extensions WHERE approved ON CONFLICT DO NOTHING;
