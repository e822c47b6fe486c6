-- The pieces of a text the employer filter looks up (orders.tables.ts orderEmployerNames): every character and every
-- two characters side by side (substr counts characters, not bytes). A stored name has both; what was typed is looked
-- up by its two-character pieces only (a single character's list is long), or by itself when it is one character.
CREATE FUNCTION employer_grams(s text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(s, i, n)), '{}'::text[])
  FROM generate_series(1, 2) AS n, generate_series(1, length(s) - n + 1) AS i
$$;--> statement-breakpoint
CREATE FUNCTION employer_pattern_grams(s text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(s) = 1 THEN ARRAY[s]
    ELSE coalesce((SELECT array_agg(DISTINCT substr(s, i, 2)) FROM generate_series(1, length(s) - 1) AS i), '{}'::text[]) END
$$;--> statement-breakpoint
CREATE TABLE "order_employer_names" (
	"name" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"grams" text[] GENERATED ALWAYS AS (array_cat(employer_grams(key), employer_grams(lower(name)))) STORED NOT NULL
);
--> statement-breakpoint
CREATE INDEX "order_employer_names_grams_idx" ON "order_employer_names" USING gin ("grams") WITH (fastupdate=false);--> statement-breakpoint
-- The names the orders already gave.
INSERT INTO "order_employer_names" ("name", "key")
  SELECT DISTINCT employer_name, employer_key FROM work_orders WHERE employer_name IS NOT NULL AND employer_key IS NOT NULL
  ON CONFLICT DO NOTHING;
