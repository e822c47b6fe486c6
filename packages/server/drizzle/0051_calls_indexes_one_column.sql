DROP INDEX "calls_offered_idx";--> statement-breakpoint
DROP INDEX "calls_caller_idx";--> statement-breakpoint
CREATE INDEX "calls_offered_idx" ON "calls" USING btree ("offered_at");--> statement-breakpoint
CREATE INDEX "calls_caller_idx" ON "calls" USING btree ("caller");