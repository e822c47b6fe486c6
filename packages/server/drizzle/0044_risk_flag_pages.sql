DROP INDEX "work_orders_risk_flags_idx";--> statement-breakpoint
CREATE INDEX "work_orders_flag_danger_created_idx" ON "work_orders" USING btree ("created_at","id") WHERE "work_orders"."risk_flags" @> array['danger']::text[];--> statement-breakpoint
CREATE INDEX "work_orders_flag_mass_created_idx" ON "work_orders" USING btree ("created_at","id") WHERE "work_orders"."risk_flags" @> array['mass']::text[];--> statement-breakpoint
CREATE INDEX "work_orders_flag_repeat_created_idx" ON "work_orders" USING btree ("created_at","id") WHERE "work_orders"."risk_flags" @> array['repeat']::text[];--> statement-breakpoint
CREATE INDEX "work_orders_flag_large_created_idx" ON "work_orders" USING btree ("created_at","id") WHERE "work_orders"."risk_flags" @> array['large']::text[];--> statement-breakpoint
CREATE INDEX "work_orders_flag_hidden_created_idx" ON "work_orders" USING btree ("created_at","id") WHERE "work_orders"."risk_flags" @> array['hidden']::text[];