CREATE TABLE "analytics_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_contributions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"type_code" text NOT NULL,
	"subject_code" text NOT NULL,
	"detail" text,
	"value" numeric(16, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_dirty" (
	"order_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_order_facts" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"state" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"type_code" text NOT NULL,
	"subject_code" text NOT NULL,
	"priority" text NOT NULL,
	"risk_flags" text[] NOT NULL,
	"division_code" text,
	"employer_key" text,
	"employer_name" text,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_day" date NOT NULL,
	"current_due_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"amount_involved" numeric(14, 2),
	"amount_recovered" numeric(14, 2),
	"workers_involved" integer,
	"workers_helped" integer,
	"caller_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"unit_name" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"figures" jsonb NOT NULL,
	"xlsx" "bytea" NOT NULL,
	"docx" "bytea" NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by" uuid,
	"origin" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_campaigns_unit_idx" ON "analytics_campaigns" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "analytics_contributions_day_idx" ON "analytics_contributions" USING btree ("day","metric");--> statement-breakpoint
CREATE INDEX "analytics_contributions_unit_day_idx" ON "analytics_contributions" USING btree ("unit_path" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "analytics_contributions_order_idx" ON "analytics_contributions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "analytics_order_facts_state_idx" ON "analytics_order_facts" USING btree ("state","unit_path");--> statement-breakpoint
CREATE INDEX "analytics_order_facts_created_idx" ON "analytics_order_facts" USING btree ("created_day");--> statement-breakpoint
CREATE INDEX "analytics_order_facts_path_idx" ON "analytics_order_facts" USING btree ("unit_path" text_pattern_ops,"created_day");--> statement-breakpoint
CREATE INDEX "analytics_reports_unit_idx" ON "analytics_reports" USING btree ("unit_path" text_pattern_ops,"generated_at");