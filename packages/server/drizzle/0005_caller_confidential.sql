ALTER TABLE "order_callers" ADD COLUMN "confidential" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Callers of confidential orders asked to stay hidden: the flag now travels with them (a merge moves callers).
UPDATE "order_callers" SET "confidential" = true FROM "work_orders" WHERE "work_orders"."id" = "order_callers"."order_id" AND "work_orders"."confidential";
