CREATE TABLE "order_deadline_counted" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"counted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_deadline_counted_one_row" CHECK ("order_deadline_counted"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "order_deadline_counts" (
	"unit_id" uuid NOT NULL,
	"status" text NOT NULL,
	"state" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "order_deadline_counts_unit_id_status_state_pk" PRIMARY KEY("unit_id","status","state")
);
