CREATE TABLE "reading_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"model_version" text NOT NULL,
	"field" text NOT NULL,
	"suggested" jsonb,
	"final" jsonb,
	"accepted" boolean NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_code" text NOT NULL,
	"city_code" text NOT NULL,
	"window" text NOT NULL,
	"day" date NOT NULL,
	"observed" integer NOT NULL,
	"expected" double precision NOT NULL,
	"p_value" double precision NOT NULL,
	"notice_queued" boolean DEFAULT false NOT NULL,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reading_outcomes" ADD CONSTRAINT "reading_outcomes_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_outcomes" ADD CONSTRAINT "reading_outcomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reading_outcomes_order_field" ON "reading_outcomes" USING btree ("order_id","field");--> statement-breakpoint
CREATE INDEX "reading_outcomes_recorded" ON "reading_outcomes" USING btree ("recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "surges_start" ON "surges" USING btree ("subject_code","city_code","window","day");--> statement-breakpoint
CREATE INDEX "surges_day" ON "surges" USING btree ("day");