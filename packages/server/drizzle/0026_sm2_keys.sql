ALTER TABLE "exchange_partners" ADD COLUMN "public_key" text;--> statement-breakpoint
ALTER TABLE "exchange_partners" ADD COLUMN "partner_public_key" text;