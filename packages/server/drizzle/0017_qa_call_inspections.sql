ALTER TABLE "qa_inspections" ALTER COLUMN "order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD COLUMN "call_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "qa_inspections_day_call_uq" ON "qa_inspections" USING btree ("day","call_id");--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_one_subject" CHECK (("qa_inspections"."order_id" is null) <> ("qa_inspections"."call_id" is null));