CREATE TABLE "attachment_blobs" (
	"storage_key" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"kind" text DEFAULT 'other' NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_by_unit_id" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_callers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"id_number" text,
	"relation" text DEFAULT 'self' NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"source_order_id" uuid,
	"added_by" uuid
);
--> statement-breakpoint
CREATE TABLE "order_co_handlers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"invited_by_unit_id" uuid NOT NULL,
	"invited_by" uuid NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"task" text,
	"removed_at" timestamp with time zone,
	"part_reply" text,
	"replied_at" timestamp with time zone,
	"replied_by" uuid
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"actor_user_id" uuid,
	"actor_name" text,
	"actor_role" text,
	"unit_id" uuid,
	"unit_name" text,
	"data" jsonb,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "order_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_unit_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"previous_due_at" timestamp with time zone NOT NULL,
	"requested_due_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"approved" boolean,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "order_hops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"dispatched_by" uuid NOT NULL,
	"dispatched_at" timestamp with time zone NOT NULL,
	"note" text,
	"sign_due_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	"status" text DEFAULT 'open' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_links" (
	"order_id" uuid NOT NULL,
	"linked_order_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"note" text,
	CONSTRAINT "order_links_order_id_linked_order_id_pk" PRIMARY KEY("order_id","linked_order_id")
);
--> statement-breakpoint
CREATE TABLE "order_sequences" (
	"province" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "order_sequences_province_day_pk" PRIMARY KEY("province","day")
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"channel" text NOT NULL,
	"type_code" text NOT NULL,
	"subject_code" text NOT NULL,
	"priority" text NOT NULL,
	"tier" text NOT NULL,
	"risk_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text NOT NULL,
	"narrative" text NOT NULL,
	"answer" text,
	"employer_name" text,
	"employer_key" text,
	"employer_credit_code" text,
	"employer_address" text,
	"place_text" text,
	"division_code" text,
	"workers_involved" integer,
	"amount_involved" numeric(14, 2),
	"confidential" boolean DEFAULT false NOT NULL,
	"is_group" boolean DEFAULT false NOT NULL,
	"caller_count" integer DEFAULT 1 NOT NULL,
	"intake_unit_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"holder_unit_id" uuid NOT NULL,
	"holder_unit_path" text NOT NULL,
	"hop_dispatcher_unit_id" uuid,
	"dispatch_unit_id" uuid,
	"visible_to" uuid[] NOT NULL,
	"first_dispatched_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"current_step" text,
	"current_step_started_at" timestamp with time zone,
	"current_due_at" timestamp with time zone,
	"current_near_due_at" timestamp with time zone,
	"reply_started_at" timestamp with time zone,
	"reply_due_at" timestamp with time zone,
	"reply_near_due_at" timestamp with time zone,
	"reply_limit" jsonb,
	"return_due_at" timestamp with time zone,
	"callback_due_at" timestamp with time zone,
	"pending_extension" jsonb,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"return_count" integer DEFAULT 0 NOT NULL,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"callback_attempts" integer DEFAULT 0 NOT NULL,
	"outcome" jsonb,
	"handling_satisfaction" text,
	"call_satisfaction" text,
	"callback_at" timestamp with time zone,
	"merged_into_id" uuid,
	"invalid_reason" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_attachments" ADD CONSTRAINT "order_attachments_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_attachments" ADD CONSTRAINT "order_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_attachments" ADD CONSTRAINT "order_attachments_uploaded_by_unit_id_units_id_fk" FOREIGN KEY ("uploaded_by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_callers" ADD CONSTRAINT "order_callers_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_callers" ADD CONSTRAINT "order_callers_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_handlers" ADD CONSTRAINT "order_co_handlers_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_handlers" ADD CONSTRAINT "order_co_handlers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_handlers" ADD CONSTRAINT "order_co_handlers_invited_by_unit_id_units_id_fk" FOREIGN KEY ("invited_by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_handlers" ADD CONSTRAINT "order_co_handlers_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_handlers" ADD CONSTRAINT "order_co_handlers_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_requested_by_unit_id_units_id_fk" FOREIGN KEY ("requested_by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_hops" ADD CONSTRAINT "order_hops_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_hops" ADD CONSTRAINT "order_hops_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_hops" ADD CONSTRAINT "order_hops_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_hops" ADD CONSTRAINT "order_hops_dispatched_by_users_id_fk" FOREIGN KEY ("dispatched_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_linked_order_id_work_orders_id_fk" FOREIGN KEY ("linked_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_intake_unit_id_units_id_fk" FOREIGN KEY ("intake_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_holder_unit_id_units_id_fk" FOREIGN KEY ("holder_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_hop_dispatcher_unit_id_units_id_fk" FOREIGN KEY ("hop_dispatcher_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_dispatch_unit_id_units_id_fk" FOREIGN KEY ("dispatch_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_attachments_order_idx" ON "order_attachments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_callers_order_idx" ON "order_callers" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_callers_phone_idx" ON "order_callers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "order_co_handlers_order_idx" ON "order_co_handlers" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_extensions_order_idx" ON "order_extensions" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_hops_seq_uq" ON "order_hops" USING btree ("order_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_number_uq" ON "work_orders" USING btree ("number");--> statement-breakpoint
CREATE INDEX "work_orders_visible_to_idx" ON "work_orders" USING gin ("visible_to");--> statement-breakpoint
CREATE INDEX "work_orders_created_idx" ON "work_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_state_created_idx" ON "work_orders" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_holder_path_idx" ON "work_orders" USING btree ("holder_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "work_orders_employer_key_idx" ON "work_orders" USING btree ("employer_key","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_due_idx" ON "work_orders" USING btree ("current_due_at");