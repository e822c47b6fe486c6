import { z } from 'zod';
import { checkIdNumber, idNumberMessages } from '../validation/id-number.js';
import { normalisePhone, wholePhoneNumber } from '../validation/phone-number.js';
import { trimText } from '../validation/text.js';

/** Shared pieces of request and response schemas. */
export const errorBody = z.object({
  code: z.string().describe('稳定的错误代码 / stable error code'),
  message: z.string().describe('中文说明 / message in Chinese'),
  requestId: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
} as const;

export const idParam = z.object({ id: z.uuid({ error: '编号格式不正确' }) }).strict();
/** The largest value of a PostgreSQL integer column (int4): a larger number reached the database and failed there (500). */
export const maxInt4 = 2_147_483_647;
const version = z.number({ error: '请提供版本号' }).int().max(maxInt4, { error: '版本号不正确' });
export const versionField = version.positive().describe('乐观锁版本号 / optimistic-lock version');
/** The version of a setting kept as one row, 0 while it was never written (the IVR, an agent's state, the lawyer roster). */
export const versionFromZero = version.min(0);

/** "中文 — English" in one description, as the API contract asks for both languages. */
export const describe = (zh: string, en: string) => ({ summary: zh, description: `${zh}\n\n${en}` });

/**
 * Mainland mobile or landline (with area code), or a local number; separators and +86 are tolerated and the number is
 * stored normalised (platform/validation/phone-number.ts, the one rule).
 */
export const phoneNumber = z
  .string()
  .transform(normalisePhone)
  .pipe(z.string().regex(wholePhoneNumber, { error: '电话号码格式不正确' }));

// abort: a text that is no time at all is told so, not also that it falls outside the years (plausibleInstant).
export const isoInstant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601，例如 2026-11-25T09:00:00+08:00', abort: true });

/**
 * The years a record of the hotline falls in (Beijing time): the bounds the lists and figures are asked by
 * ("日期应在 2000 年至 2099 年之间"), so that whatever is recorded can be found again. A call in the year 9999 or a
 * mediation session in 1900 is a client's mistake, not a fact.
 */
const firstDay = '2000-01-01';
const lastDay = '2099-12-31';
const firstInstant = Date.parse(`${firstDay}T00:00:00+08:00`);
const afterLastInstant = Date.parse('2100-01-01T00:00:00+08:00');

/** A date (YYYY-MM-DD) within the years a record falls in. */
export const plausibleDate = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine((d) => d >= firstDay && d <= lastDay, { error: '日期应在 2000 年至 2099 年之间' });

/** An instant (ISO 8601 with its offset) within the years a record falls in. */
export const plausibleInstant = isoInstant.refine(
  (s) => {
    const t = Date.parse(s);
    return t >= firstInstant && t < afterLastInstant;
  },
  { error: '时间应在 2000 年至 2099 年之间' },
);

/**
 * A text as typed: trimmed, and empty when it holds only whitespace and characters that show nothing (U+200B, U+FEFF
 * …: platform/validation/text.ts). Every text field starts here instead of z.string().trim(), so that a required one
 * (`.min(1, { error: '请填写…' })`) refuses an invisible text as it refuses spaces.
 */
export const trimmedText = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(trimText);

/**
 * An amount in yuan as stored (numeric(14,2)): to the fen. A third decimal was rounded away by the database (0.001
 * stored as 0), so it is refused instead. `label` names the amount in its messages (金额, 追回金额); bound it with .max.
 */
export const yuan = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0, { error: `${label}不能为负` })
    .refine((v) => Math.round(v * 100) / 100 === v, { error: `${label}最多两位小数（精确到分）` });

/** An 18-digit resident ID number with its check digit verified; stored upper-case. */
export const idNumber = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .superRefine((s, ctx) => {
    const problem = checkIdNumber(s);
    if (problem) ctx.addIssue({ code: 'custom', message: idNumberMessages[problem] });
  });

/** A generated Word document: a Buffer sent as is, never serialised. */
export const docxResponse = {
  description: 'Word 文档 / a Word document',
  content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().meta({ format: 'binary' }) } },
};

/** A list's `cursor` query parameter: the nextCursor of the page before (platform/http/keyset-cursor.ts). */
export const cursorParam = z.string().max(1000).optional().describe("上一页的 nextCursor / the previous page's nextCursor");

/** A page of a list read by cursor, with its count up to the cap (platform/db/capped-count.ts). */
export const cursorPage = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('下一页的游标；没有更多时为空 / where the next page starts; null at the end'),
    total: z.number(),
    totalCapped: z.boolean().describe('超过上限时 total 为上限，实际更多 / total is the cap and there are more'),
    pageSize: z.number(),
  });
