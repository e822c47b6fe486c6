CREATE TABLE "qa_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"order_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"agent_user_id" uuid NOT NULL,
	"drawn_by" text NOT NULL,
	"reasons" text[] NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"sheet_id" uuid NOT NULL,
	"inspector_user_id" uuid,
	"scores" jsonb,
	"total" numeric(6, 1),
	"passed" boolean,
	"comments" text,
	"scored_at" timestamp with time zone,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"appeal_decider_user_id" uuid,
	"appeal_decision" text,
	"appeal_note" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_note" text,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qa_score_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"pass_mark" numeric(6, 1) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_agreements" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"terms" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"workers_covered" integer NOT NULL,
	"payment_schedule" jsonb NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"worker_party" jsonb NOT NULL,
	"employer_party" jsonb NOT NULL,
	"mediators" text[] NOT NULL,
	"matter" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"failure_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"attendees" text NOT NULL,
	"notes" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"reason" text NOT NULL,
	"referred_by" uuid NOT NULL,
	"referred_by_unit_id" uuid NOT NULL,
	"referred_at" timestamp with time zone NOT NULL,
	"result" text,
	"result_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "letter_sequences" (
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "letter_sequences_unit_id_kind_year_pk" PRIMARY KEY("unit_id","kind","year")
);
--> statement-breakpoint
CREATE TABLE "risk_employer_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_key" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"planned_for" date NOT NULL,
	"purpose" text NOT NULL,
	"planned_by" uuid NOT NULL,
	"visited_at" timestamp with time zone,
	"result" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_employers" (
	"employer_key" text PRIMARY KEY NOT NULL,
	"employer_name" text NOT NULL,
	"credit_code" text,
	"level" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"orders_in_window" integer NOT NULL,
	"amount_total" numeric(16, 2) NOT NULL,
	"workers_max" integer NOT NULL,
	"territorial_unit_id" uuid,
	"territorial_unit_path" text,
	"entered_at" timestamp with time zone NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"issuing_unit_id" uuid NOT NULL,
	"issuing_unit_name" text NOT NULL,
	"year" integer,
	"seq" integer,
	"number" text,
	"employer_name" text NOT NULL,
	"facts" text NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"demands" text NOT NULL,
	"reply_by" date NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"drafted_by" uuid NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"sent_via" text,
	"response" text,
	"responded_at" timestamp with time zone,
	"visit_at" timestamp with time zone,
	"visit_result" text,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_inspection_id_qa_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."qa_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_agreements" ADD CONSTRAINT "mediation_agreements_case_id_mediation_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."mediation_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_case_id_mediation_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."mediation_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qa_inspections_day_order_uq" ON "qa_inspections" USING btree ("day","order_id");--> statement-breakpoint
CREATE INDEX "qa_inspections_agent_idx" ON "qa_inspections" USING btree ("agent_user_id","day");--> statement-breakpoint
CREATE INDEX "qa_inspections_scope_day_idx" ON "qa_inspections" USING btree ("scope_path","day");--> statement-breakpoint
CREATE INDEX "qa_rectifications_owner_idx" ON "qa_rectifications" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "qa_rectifications_due_idx" ON "qa_rectifications" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "qa_rectifications_inspection_idx" ON "qa_rectifications" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "mediation_cases_order_idx" ON "mediation_cases" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "mediation_sessions_case_idx" ON "mediation_sessions" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_referrals_order_idx" ON "case_referrals" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "risk_employer_visits_employer_idx" ON "risk_employer_visits" USING btree ("employer_key");--> statement-breakpoint
CREATE INDEX "risk_employers_territory_idx" ON "risk_employers" USING btree ("territorial_unit_path");--> statement-breakpoint
CREATE INDEX "supervision_letters_order_idx" ON "supervision_letters" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_letters_number_uq" ON "supervision_letters" USING btree ("issuing_unit_id","kind","year","seq");