CREATE TABLE "agent_states" (
	"username" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
