ALTER TABLE "jobs" ADD COLUMN "last_error_kind" text;--> statement-breakpoint
-- The kinds of the errors kept before (platform/jobs/job-failure.ts), where the stored message says it for certain;
-- any other stays without a kind and the jobs page shows it as it was stored. Only unfinished and failed jobs keep an
-- error (a job done clears it): the state index reads them.
UPDATE "jobs" SET "last_error_kind" = CASE
  WHEN "last_error" LIKE 'Failed query:%' THEN 'database'
  WHEN "last_error" LIKE '工作日历未覆盖%' THEN 'calendar'
  WHEN "last_error" LIKE '对接平台已停用%' THEN 'not_configured'
  WHEN "last_error" LIKE '对方应答 HTTP %' OR "last_error" LIKE 'HTTP %' THEN 'rejected'
  WHEN "last_error" LIKE '无法连接%' OR "last_error" LIKE '对方 % 秒未应答（超时）' THEN 'unreachable'
END
WHERE "state" IN ('pending', 'failed') AND "last_error" IS NOT NULL;
