ALTER TABLE "kb_article_files" ADD COLUMN "version_from" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_article_files" ADD COLUMN "version_to" integer;--> statement-breakpoint
-- Files uploaded before files had versions belong to the version that was the working one when they were uploaded
-- (the latest saved by then) and to every later one: what editors and agents saw until now stays what they see.
UPDATE "kb_article_files" f SET "version_from" = coalesce(
  (SELECT max(v."version") FROM "kb_article_versions" v WHERE v."article_id" = f."article_id" AND v."saved_at" <= f."uploaded_at"),
  1
);
