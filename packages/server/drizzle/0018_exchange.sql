CREATE TABLE "exchange_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"order_id" uuid,
	"external_id" text,
	"seq" integer,
	"payload" jsonb NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"partner_receipt" text,
	"ack_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_nonces" (
	"partner_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "exchange_nonces_partner_id_nonce_pk" PRIMARY KEY("partner_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "exchange_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"endpoint" text,
	"credentials" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"signing_method" text NOT NULL,
	"signing_secret" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"receiving_unit_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_reconciliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"day" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "source_partner_id" uuid;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD CONSTRAINT "exchange_messages_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_partners" ADD CONSTRAINT "exchange_partners_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_reconciliations" ADD CONSTRAINT "exchange_reconciliations_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_messages_inbound_uq" ON "exchange_messages" USING btree ("partner_id","kind","external_id") WHERE direction = 'in';--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_messages_order_seq_uq" ON "exchange_messages" USING btree ("partner_id","order_id","seq");--> statement-breakpoint
CREATE INDEX "exchange_messages_partner_idx" ON "exchange_messages" USING btree ("partner_id","id");--> statement-breakpoint
CREATE INDEX "exchange_messages_order_idx" ON "exchange_messages" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "exchange_messages_state_idx" ON "exchange_messages" USING btree ("state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_partners_name_uq" ON "exchange_partners" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_reconciliations_day_uq" ON "exchange_reconciliations" USING btree ("partner_id","day");