CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" text DEFAULT 'info' NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"order_id" uuid,
	"data" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text,
	"step" text,
	"due_at" timestamp with time zone,
	"escalate_at" timestamp with time zone,
	"unit_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid NOT NULL,
	"by_role" text NOT NULL,
	"message" text,
	"answer_due_at" timestamp with time zone,
	"attempt" integer
);
--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE read_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_signals_key_uq" ON "supervision_signals" USING btree ("key");--> statement-breakpoint
CREATE INDEX "supervision_signals_order_idx" ON "supervision_signals" USING btree ("order_id","kind");--> statement-breakpoint
CREATE INDEX "supervision_signals_unit_idx" ON "supervision_signals" USING btree ("unit_id","kind","at");--> statement-breakpoint
CREATE INDEX "supervision_signals_escalate_idx" ON "supervision_signals" USING btree ("escalate_at") WHERE kind = 'overdue';