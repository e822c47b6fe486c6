CREATE TABLE "analysis_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope_unit_id" uuid NOT NULL,
	"month" text NOT NULL,
	"problem" text NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"evaluation" text DEFAULT '' NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"due_on" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "circulars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope_unit_id" uuid NOT NULL,
	"month" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"rows" jsonb NOT NULL,
	"remarks" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"published_by_name" text
);
--> statement-breakpoint
CREATE TABLE "emergency_members" (
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"duty" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "emergency_members_unit_id_user_id_pk" PRIMARY KEY("unit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "emergency_ways" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"way" text NOT NULL,
	"note" text,
	"by_name" text NOT NULL,
	"by_unit_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_instructions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"text" text NOT NULL,
	"provincial" boolean NOT NULL,
	"by_user_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"by_unit_id" uuid NOT NULL,
	"by_unit_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_name" text,
	"acknowledged_by_unit_name" text,
	"acknowledge_note" text
);
--> statement-breakpoint
CREATE TABLE "outbound_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"key" text NOT NULL,
	"notice_kind" text NOT NULL,
	"order_id" uuid,
	"target" text NOT NULL,
	"target_unit_id" uuid,
	"payload" jsonb NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by_name" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"reasons" text[] NOT NULL,
	"decision" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"due_on" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope_unit_id" uuid NOT NULL,
	"held_on" text NOT NULL,
	"week_start" text NOT NULL,
	"title" text NOT NULL,
	"attendees" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analysis_items_scope_idx" ON "analysis_items" USING btree ("scope_unit_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "circulars_scope_month_uq" ON "circulars" USING btree ("scope_unit_id","month");--> statement-breakpoint
CREATE INDEX "emergency_ways_order_idx" ON "emergency_ways" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "order_instructions_order_idx" ON "order_instructions" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_deliveries_key_uq" ON "outbound_deliveries" USING btree ("key");--> statement-breakpoint
CREATE INDEX "outbound_deliveries_created_idx" ON "outbound_deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "review_items_meeting_idx" ON "review_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "review_items_open_idx" ON "review_items" USING btree ("due_at") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "review_meetings_scope_idx" ON "review_meetings" USING btree ("scope_unit_id","held_on");