CREATE TABLE "exchange_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"day" text NOT NULL,
	"format" text NOT NULL,
	"orders" integer NOT NULL,
	"batches" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD COLUMN "upload_id" uuid;--> statement-breakpoint
ALTER TABLE "exchange_uploads" ADD CONSTRAINT "exchange_uploads_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_uploads_day_uq" ON "exchange_uploads" USING btree ("partner_id","day");--> statement-breakpoint
CREATE INDEX "exchange_messages_upload_idx" ON "exchange_messages" USING btree ("upload_id") WHERE upload_id is not null;