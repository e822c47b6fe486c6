CREATE TABLE "lawyer_rosters" (
	"id" integer PRIMARY KEY NOT NULL,
	"per_day" integer NOT NULL,
	"anchor_date" date NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lawyer_swaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" serial NOT NULL,
	"date" date NOT NULL,
	"lawyer_id" uuid NOT NULL,
	"with_date" date NOT NULL,
	"with_lawyer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"by" uuid NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lawyer_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lawyer_id" uuid NOT NULL,
	"order_id" uuid,
	"call_id" text,
	"note" text NOT NULL,
	"by" uuid NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lawyers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"firm" text NOT NULL,
	"phone" text NOT NULL,
	"username" text,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transfer_id" uuid NOT NULL,
	"lawyer_id" uuid NOT NULL,
	"order_id" uuid,
	"call_id" text,
	"question" text NOT NULL,
	"advice" text NOT NULL,
	"law_cited" jsonb NOT NULL,
	"legal_aid_recommended" boolean NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ivr_configs" (
	"version" integer PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"saved_by" uuid,
	"saved_by_name" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE INDEX "lawyer_transfers_lawyer_idx" ON "lawyer_transfers" USING btree ("lawyer_id","at");--> statement-breakpoint
CREATE INDEX "lawyer_transfers_order_idx" ON "lawyer_transfers" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_consultations_transfer_uq" ON "legal_consultations" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "legal_consultations_at_idx" ON "legal_consultations" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "legal_consultations_order_idx" ON "legal_consultations" USING btree ("order_id");