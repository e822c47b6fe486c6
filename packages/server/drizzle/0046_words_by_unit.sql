-- A unit's word search (issue 18, decision 0010): each order's search row carries a copy of the order's visible_to,
-- and one GIN over (words, visible_to) intersects the words' orders with the unit's inside the index. A county's
-- capped count of 拖欠工资 at a million orders joined its ~90,000 orders to the words' ~250,000 by their uuid keys
-- (220-280 ms); the index reads the two posting lists and hands back the few thousand rows of both.
-- The index is dropped while the column is filled (one rewrite of the rows, not a GIN insertion per row per word).
DROP INDEX "search_orders_words_gin";--> statement-breakpoint
ALTER TABLE "search_orders" ADD COLUMN "visible_to" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
UPDATE "search_orders" s SET "visible_to" = w.visible_to FROM "work_orders" w WHERE w.id = s.order_id;--> statement-breakpoint
CREATE INDEX "search_orders_words_gin" ON "search_orders" USING gin ("words","visible_to");--> statement-breakpoint
-- The copy follows the order: an update of work_orders that changes visible_to (a dispatch down the tree, a
-- co-handler added) rewrites the search row's, in the same statement's transaction. Intake and the bulk seed write it
-- with the row itself (search/order-index.ts, demo/multiply.repo.ts).
CREATE FUNCTION search_orders_follow_visibility() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_orders s SET visible_to = n.visible_to
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE s.order_id = n.id AND n.visible_to IS DISTINCT FROM o.visible_to;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER search_orders_follow_visibility AFTER UPDATE ON work_orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_orders_follow_visibility();
