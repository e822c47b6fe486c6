DROP INDEX "qa_inspections_scope_day_idx";--> statement-breakpoint
DROP INDEX "risk_employers_territory_idx";--> statement-breakpoint
DROP INDEX "membership_applications_unit_idx";--> statement-breakpoint
CREATE INDEX "qa_inspections_scope_day_idx" ON "qa_inspections" USING btree ("scope_path" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "risk_employers_territory_idx" ON "risk_employers" USING btree ("territorial_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "membership_applications_unit_idx" ON "membership_applications" USING btree ("unit_path" text_pattern_ops,"created_at");