import { z } from 'zod';
import { checkIdNumber, idNumberMessages } from '../validation/id-number.js';
import { normalisePhone, wholePhoneNumber } from '../validation/phone-number.js';

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
export const versionField = z.number({ error: '请提供版本号' }).int().positive().describe('乐观锁版本号 / optimistic-lock version');

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

export const isoInstant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601，例如 2026-11-25T09:00:00+08:00' });

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
