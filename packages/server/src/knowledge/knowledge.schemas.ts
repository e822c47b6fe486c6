import { z } from 'zod';
import { plausibleDate, trimmedText } from '../platform/http/schemas.js';
import { articleKinds, articleStatuses } from './domain/article.js';

// A law may have been in force since long before the hotline (劳动法 1995); its expiry and the day it is to be reviewed
// fall in the years the hotline runs.
const day = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: '日期超出范围' });
const words = (max: number, what: string) =>
  z
    .array(
      trimmedText()
        .min(1, { error: `${what}不能为空` })
        .max(max, { error: `${what}最多 ${max} 字` }),
    )
    .max(30, { error: `${what}最多 30 项` });

export const articleContentBody = z.object({
  kind: z.enum(articleKinds, { error: `条目类型应为 ${articleKinds.join('/')} 之一` }),
  title: trimmedText().min(2, { error: '标题至少 2 个字' }).max(120, { error: '标题最多 120 字' }),
  body: trimmedText()
    .min(5, { error: '正文至少 5 个字' })
    .max(30000, { error: '正文最多 30000 字' })
    .describe('富文本：Markdown 子集（# 标题、- 列表、1. 列表、> 引用、**加粗**、[链接](https://…)），HTML 按原文显示不解释 / a small Markdown subset'),
  subjects: z
    .array(z.string().regex(/^[a-z_]{2,40}$/, { error: '诉求事项代码格式不正确' }))
    .max(10)
    .default([]),
  regions: z
    .array(z.string().regex(/^\d{6}$/, { error: '适用地区应为 6 位行政区划代码' }))
    .max(50)
    .default([]),
  tags: words(20, '标签').default([]),
  source: trimmedText().max(300, { error: '来源最多 300 字' }).nullish(),
  citations: words(60, '条款').default([]),
  issuingBody: trimmedText().max(100, { error: '发文机关最多 100 字' }).nullish(),
  effectiveFrom: day.nullish(),
  expiresOn: plausibleDate.nullish(),
  reviewBy: plausibleDate.nullish(),
  attachments: z
    .array(z.object({ name: trimmedText().min(1).max(100), url: z.url({ protocol: /^https?$/, error: '附件链接应为 http(s) 地址' }).max(500) }).strict())
    .max(10)
    .default([]),
  submit: z.boolean().optional().describe('保存后直接提交审核 / submit for review on save'),
  note: trimmedText().max(500).optional(),
});

export const articleFileView = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
});

export const articleView = z.object({
  id: z.string(),
  kind: z.enum(articleKinds),
  title: z.string(),
  body: z.string(),
  subjects: z.array(z.string()),
  regions: z.array(z.string()),
  tags: z.array(z.string()),
  source: z.string().nullable(),
  citations: z.array(z.string()),
  issuingBody: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  expiresOn: z.string().nullable(),
  reviewBy: z.string().nullable(),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })),
  version: z.number(),
  status: z.enum(articleStatuses),
  publishedVersion: z.number().nullable(),
  stale: z.enum(['expired', 'review_due', 'not_yet_effective']).nullable(),
  uses: z.number(),
  files: z
    .array(articleFileView)
    .describe(
      '本版本的附件：编辑看到工作版本的，其他人看到发布版本的 / the files of the version shown: the working one for editors, the published one for others',
    ),
  updatedAt: z.string(),
});

const range = z.tuple([z.number(), z.number()]);
export const articleHit = z.object({
  articleId: z.string(),
  version: z.number(),
  kind: z.string(),
  title: z.string(),
  titleHighlights: z.array(range),
  snippet: z.string(),
  highlights: z.array(range).describe('要高亮的字符区间 [起, 止) / character ranges to highlight'),
  subjects: z.array(z.string()),
  regions: z.array(z.string()),
  citations: z.array(z.string()),
  score: z.number(),
});

const lineChange = z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() });
export const versionView = z.object({
  version: z.number(),
  status: z.string(),
  title: z.string(),
  savedBy: z.string(),
  savedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  publishedAt: z.string().nullable(),
  note: z.string().nullable(),
  published: z.boolean(),
  changes: z.object({ fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })), body: z.array(lineChange) }),
  files: z.array(articleFileView).describe('该版本的附件 / the files of this version'),
});

const queryCount = z.object({ query: z.string(), times: z.number(), lastAt: z.string() });
export const gapsView = z.object({
  since: z.string(),
  mostUsed: z.array(z.object({ articleId: z.string(), title: z.string(), kind: z.string(), uses: z.number() })),
  neverUsed: z.array(z.object({ articleId: z.string(), title: z.string(), kind: z.string() })),
  noResults: z.array(queryCount),
  notClicked: z.array(queryCount),
  stale: z.array(z.object({ articleId: z.string(), title: z.string(), reason: z.string() })),
});

export const synonymView = z.object({ id: z.string(), words: z.array(z.string()), updatedAt: z.string() });
export const synonymBody = z
  .object({
    words: z
      .array(trimmedText().min(1, { error: '词不能为空' }).max(20, { error: '每个词最多 20 字' }))
      .min(2, { error: '至少两个词' })
      .max(30, { error: '最多 30 个词' }),
  })
  .strict();

export const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, { error: '行政区划代码应为 6 或 9 位数字' });
export const subjectCode = z.string().regex(/^[a-z_]{2,40}$/, { error: '诉求事项代码格式不正确' });
