CREATE TABLE "unit_principal_leaders" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"set_by_name" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_instructions" ADD COLUMN "principal" boolean DEFAULT false NOT NULL;