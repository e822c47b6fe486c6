ALTER TABLE "exchange_messages" ADD COLUMN "last_error_kind" text;--> statement-breakpoint
-- The kinds of the errors stored before (exchange/domain/failures.ts): only messages not yet delivered keep an error
-- (a delivery clears it), so the state index reads them, never the whole table.
UPDATE "exchange_messages" SET "last_error_kind" = CASE
  WHEN "last_error" LIKE '等待本工单前序消息%' THEN 'behind_earlier'
  WHEN "last_error" LIKE '对接平台已停用%' THEN 'not_sending'
  WHEN "last_error" LIKE '%（超时）' THEN 'timeout'
  WHEN "last_error" LIKE '对方应答 HTTP 4%' THEN 'rejected'
  WHEN "last_error" LIKE '对方应答 HTTP %' THEN 'partner_error'
  WHEN "last_error" LIKE '无法连接对方：ECONNREFUSED%' THEN 'refused'
  WHEN "last_error" LIKE '无法连接对方：ENOTFOUND%' OR "last_error" LIKE '无法连接对方：EAI_AGAIN%' THEN 'unknown_host'
  WHEN "last_error" LIKE '无法连接对方：ETIMEDOUT%' OR "last_error" LIKE '无法连接对方：UND_ERR_%TIMEOUT%' THEN 'timeout'
  WHEN "last_error" LIKE '无法连接对方：%CERT%' THEN 'certificate'
  WHEN "last_error" LIKE '无法连接对方：%' THEN 'network'
  ELSE 'other'
END
WHERE "state" IN ('pending', 'failed') AND "last_error" IS NOT NULL;
