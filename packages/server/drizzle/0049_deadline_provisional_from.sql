ALTER TABLE "work_orders" ADD COLUMN "deadline_provisional_from" date;--> statement-breakpoint
-- Orders marked provisional until now were counted on the calendar as it is: its provisional days begin the day after
-- the last entered one (an official year's recompute ran in the import's transaction, so none is left from an older one).
UPDATE "work_orders" SET "deadline_provisional_from" = (SELECT max("day") + 1 FROM "calendar_days") WHERE "deadline_provisional";--> statement-breakpoint
CREATE INDEX "work_orders_provisional_idx" ON "work_orders" USING btree ("id") WHERE "work_orders"."deadline_provisional";--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_provisional_from" CHECK ("work_orders"."deadline_provisional" = ("work_orders"."deadline_provisional_from" is not null));