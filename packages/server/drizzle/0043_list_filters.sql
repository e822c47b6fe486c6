CREATE INDEX "work_orders_subject_created_idx" ON "work_orders" USING btree ("subject_code","created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_type_created_idx" ON "work_orders" USING btree ("type_code","created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_channel_created_idx" ON "work_orders" USING btree ("channel","created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_priority_created_idx" ON "work_orders" USING btree ("priority","created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_tier_created_idx" ON "work_orders" USING btree ("tier","created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_confidential_created_idx" ON "work_orders" USING btree ("created_at","id") WHERE "work_orders"."confidential";--> statement-breakpoint
CREATE INDEX "work_orders_risk_flags_idx" ON "work_orders" USING gin ("risk_flags");