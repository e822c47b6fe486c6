CREATE TABLE "call_request_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"call_id" text PRIMARY KEY NOT NULL,
	"caller" text,
	"dialled" text,
	"offered_at" timestamp with time zone,
	"queued_at" timestamp with time zone,
	"queue" text,
	"answered_at" timestamp with time zone,
	"agent" text,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"outcome" text NOT NULL,
	"wait_seconds" integer,
	"talk_seconds" integer,
	"transfers" jsonb NOT NULL,
	"recording_url" text,
	"events" jsonb NOT NULL,
	"order_ids" uuid[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "calls_offered_idx" ON "calls" USING btree ("offered_at");--> statement-breakpoint
CREATE INDEX "calls_caller_idx" ON "calls" USING btree ("caller");