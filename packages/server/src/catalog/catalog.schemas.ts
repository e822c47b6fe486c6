import { z } from 'zod';
import { plausibleInstant, trimmedText, versionField } from '../platform/http/schemas.js';
import { codePattern, maxCodeLength, maxNameZhLength, priorities, steps, tiers } from './domain/catalog.js';
import { countFroms, limitUnits } from './domain/time-limit-rules.js';

/** Request and response shapes of the catalog and time-limit routes. */
export const catalogCode = z
  .string({ error: '请填写代码' })
  .max(maxCodeLength, { error: `代码不超过 ${maxCodeLength} 个字符` })
  .regex(codePattern, { error: '代码应为小写字母、数字和下划线，以字母开头，例如 wage_arrears' });

const nameZh = trimmedText()
  .min(1, { error: '请填写中文名称' })
  .max(maxNameZhLength, { error: `中文名称不超过 ${maxNameZhLength} 个字` });
const nameEn = trimmedText().min(1, { error: '请填写英文名称' }).max(60, { error: '英文名称不超过 60 个字符' });
const text = (max: number, what: string) => trimmedText().max(max, { error: `${what}不超过 ${max} 个字` });
const sortOrder = z
  .number({ error: '排序应为数字' })
  .int({ error: '排序应为整数' })
  .min(0, { error: '排序不能为负数' })
  .max(100_000, { error: '排序不超过 100000' });
const positiveInt = (max: number) =>
  z
    .number({ error: '应为数字' })
    .int({ error: '应为正整数' })
    .positive({ error: '应为正整数' })
    .max(max, { error: `不超过 ${max}` });

const entryFields = {
  code: catalogCode,
  nameZh: nameZh.optional(),
  nameEn: nameEn.optional(),
  description: text(200, '说明').optional(),
  sortOrder: sortOrder.optional(),
  active: z.boolean().optional(),
};
const typeInput = z.object({ ...entryFields, defaultPath: text(200, '默认办理路径').optional() }).strict();
const subjectInput = z
  .object({
    ...entryFields,
    usualTypes: z
      .array(catalogCode)
      .max(10)
      .refine((a) => new Set(a).size === a.length, { error: '常见类型不能重复' })
      .optional(),
  })
  .strict();
const riskFlagInput = z.object(entryFields).strict();

const thresholdsFields = {
  massWorkers: positiveInt(100_000).describe('群体（众）人数阈值 / workers for the mass flag'),
  largeAmount: positiveInt(1_000_000_000_000).describe('大额（大）金额阈值，元 / amount in yuan for the large flag'),
  repeatCount: positiveInt(1000).describe('重复（多）次数阈值 / requests for the repeat flag'),
  repeatWindowDays: positiveInt(3650).describe('重复统计天数 / days counted for the repeat flag'),
};

export const updateCatalogBody = z
  .object({
    version: versionField,
    types: z.array(typeInput).max(50).optional(),
    subjects: z.array(subjectInput).max(100).optional(),
    riskFlags: z.array(riskFlagInput).max(50).optional(),
    thresholds: z.object(thresholdsFields).partial().strict().optional(),
  })
  .strict();

const named = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
const entry = named.extend({ description: z.string(), sortOrder: z.number(), active: z.boolean() });
export const catalogView = z.object({
  version: z.number().describe('分类目录版本号，修改时回传 / catalog version, sent back with an update'),
  types: z.array(entry.extend({ defaultPath: z.string() })),
  subjects: z.array(entry.extend({ usualTypes: z.array(z.string()) })),
  riskFlags: z.array(entry),
  priorities: z.array(named),
  tiers: z.array(named),
  steps: z.array(named),
  thresholds: z.object(thresholdsFields),
});

const amount = z
  .number({ error: '时限数值应为数字' })
  .int({ error: '时限数值应为正整数' })
  .positive({ error: '时限数值应为正整数' })
  .max(100_000, { error: '时限数值过大' });

export const ruleStepQuery = z.object({ step: z.enum(steps).optional() }).strict();

export const createRuleBody = z
  .object({
    step: z.enum(steps),
    typeCode: catalogCode.nullable().optional(),
    subjectCode: catalogCode.nullable().optional(),
    priority: z.enum(priorities).nullable().optional(),
    tier: z.enum(tiers).nullable().optional(),
    amount: amount.nullable().optional().describe('单位为 none 时不填 / omitted when the unit is none'),
    unit: z.enum(limitUnits),
    countFrom: z.enum(countFroms).optional().describe('next_working_day 次日起算（默认）/ same_day 含本数'),
    note: text(200, '备注').optional(),
  })
  .strict();

export const updateRuleBody = z
  .object({
    version: versionField,
    amount: amount.nullable().optional(),
    unit: z.enum(limitUnits).optional(),
    countFrom: z.enum(countFroms).optional(),
    note: text(200, '备注').optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const ruleView = z.object({
  id: z.uuid(),
  step: z.enum(steps),
  stepName: z.string(),
  typeCode: z.string().nullable(),
  subjectCode: z.string().nullable(),
  priority: z.enum(priorities).nullable(),
  tier: z.enum(tiers).nullable(),
  amount: z.number().nullable(),
  unit: z.enum(limitUnits),
  countFrom: z.enum(countFroms),
  note: z.string(),
  active: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
  description: z.string().describe('时限的中文说明，例如 5 个工作日（次日起算）/ the limit in Chinese'),
  appliesTo: z.string().describe('适用范围的中文说明 / which orders the rule is for'),
});

export const previewBody = z
  .object({
    step: z.enum(steps),
    type: catalogCode,
    subject: catalogCode,
    priority: z.enum(priorities),
    tier: z.enum(tiers),
    start: plausibleInstant.optional().describe('起算时间，默认为当前时间 / start, default now'),
  })
  .strict();

export const previewView = z.object({
  rule: ruleView.nullable(),
  startLocal: z.string().describe('起算时间（北京时间），例如 2026-11-25 09:00 / the start, local time (UTC+8)'),
  deadline: z.string().nullable(),
  deadlineLocal: z.string().nullable().describe('北京时间，例如 2026-11-27 17:30 / local time (UTC+8)'),
  deadlineProvisional: z
    .boolean()
    .describe(
      '期限落在按放假办法推算的暂定年度，正式安排导入后可能变化 / the deadline falls in a provisional calendar year and may move when the official year is entered',
    ),
  explanation: z.string(),
});
