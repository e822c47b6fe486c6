-- Figures follow every change: the transaction that changes an order (its row, callers, hops or extensions) marks it
-- for recomputation. The mark is a plain insert, so it costs the change almost nothing and can never be forgotten.
CREATE OR REPLACE FUNCTION analytics_mark_order() RETURNS trigger AS $$
BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_mark_order_of_row() RETURNS trigger AS $$
BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.order_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER work_orders_analytics_mark AFTER INSERT OR UPDATE ON work_orders
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_order();
--> statement-breakpoint
CREATE TRIGGER order_callers_analytics_mark AFTER INSERT OR UPDATE ON order_callers
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_order_of_row();
--> statement-breakpoint
CREATE TRIGGER order_hops_analytics_mark AFTER INSERT OR UPDATE ON order_hops
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_order_of_row();
--> statement-breakpoint
CREATE TRIGGER order_extensions_analytics_mark AFTER INSERT OR UPDATE ON order_extensions
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_order_of_row();
--> statement-breakpoint
-- Orders that existed before this migration get their figures on the first read.
INSERT INTO analytics_dirty (order_id) SELECT id FROM work_orders ON CONFLICT DO NOTHING;
