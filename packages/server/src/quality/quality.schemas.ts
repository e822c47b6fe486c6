import { z } from 'zod';
import { cursorPage, cursorParam, plausibleDate, trimmedText, versionField } from '../platform/http/schemas.js';

const localDate = plausibleDate;

export const scoreItem = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: '代码只能包含小写字母、数字和下划线' }),
  name: trimmedText().min(1, { error: '请填写评分项名称' }).max(50),
  weight: z.number().min(0).max(100),
  veto: z.boolean().optional(),
  hint: trimmedText().max(200).optional(),
});

export const sheetView = z.object({ id: z.uuid(), name: z.string(), items: z.array(scoreItem), passMark: z.number(), sampleRate: z.number() });
export const updateSheetBody = z
  .object({ name: trimmedText().min(1).max(50), items: z.array(scoreItem).min(1).max(30), passMark: z.number().positive() })
  .strict();

const person = z.object({ id: z.uuid(), name: z.string() });
export const inspectionView = z.object({
  id: z.uuid(),
  version: z.number(),
  day: z.string(),
  state: z.enum(['pending', 'scored', 'appealed', 'decided']),
  drawnBy: z.enum(['system', 'manual']),
  reasons: z.array(z.string()).describe('random / dissatisfied / agent_complaint / manual …'),
  subject: z.enum(['order', 'call']).describe('an order, or a call that made no order (inspected by its recording)'),
  order: z.object({ id: z.uuid(), number: z.string(), title: z.string(), subjectCode: z.string(), state: z.string() }).nullable(),
  calls: z
    .array(
      z.object({
        callId: z.string(),
        caller: z.string().nullable().describe('masked'),
        answeredAt: z.string().nullable(),
        talkSeconds: z.number().nullable(),
        recordingUrl: z.string().nullable(),
      }),
    )
    .describe('the call inspected, or the calls that made or touched the order: their recordings are what the inspector listens to'),
  agent: person,
  inspector: person.nullable(),
  sheet: z.object({ id: z.uuid(), name: z.string(), items: z.array(scoreItem), passMark: z.number() }),
  scores: z.record(z.string(), z.number()).nullable(),
  total: z.number().nullable(),
  passed: z.boolean().nullable(),
  comments: z.string().nullable(),
  scoredAt: z.string().nullable(),
  appeal: z
    .object({
      reason: z.string(),
      at: z.string(),
      decision: z.enum(['upheld', 'revised']).nullable(),
      decider: person.nullable(),
      note: z.string().nullable(),
      decidedAt: z.string().nullable(),
    })
    .nullable(),
});

export const drawBody = z.object({ date: localDate.optional(), rate: z.number({ error: '抽样比例应为 0 到 1 之间的小数' }).min(0).max(1).optional() }).strict();
export const drawView = z.object({ day: z.string(), rate: z.number(), population: z.number(), drawn: z.number(), items: z.array(inspectionView) });
export const addInspectionBody = z
  .object({
    orderId: z.uuid({ error: '工单编号格式不正确' }).optional(),
    callId: trimmedText().min(1).max(100).optional(),
    reason: trimmedText().max(200).default(''),
  })
  .strict()
  .refine((b) => !!b.orderId !== !!b.callId, { error: '请指定一张工单或一通电话（二选一）', path: ['orderId'] });

export const listQuery = z
  .object({
    day: localDate.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    state: z.enum(['pending', 'scored', 'appealed', 'decided']).optional(),
    agentUserId: z.uuid().optional(),
    cursor: cursorParam,
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const inspectionList = cursorPage(inspectionView);

const scores = z.record(z.string().max(40), z.number({ error: '得分应为数字' }));
export const scoreBody = z.object({ version: versionField, scores, comments: trimmedText().max(2000).optional() }).strict();
export const appealBody = z.object({ version: versionField, reason: trimmedText().min(2, { error: '请说明申诉理由' }).max(2000) }).strict();
export const decideAppealBody = z
  .object({
    version: versionField,
    decision: z.enum(['upheld', 'revised'], { error: '复核结论应为 upheld（维持）或 revised（改判）' }),
    scores: scores.optional(),
    note: trimmedText().min(2, { error: '请填写复核意见' }).max(2000),
  })
  .strict();

export const rectificationView = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  day: z.string(),
  orderId: z.uuid().nullable(),
  orderNumber: z.string().nullable(),
  itemCode: z.string(),
  itemName: z.string(),
  owner: person,
  dueAt: z.string(),
  closedAt: z.string().nullable(),
  closedNote: z.string().nullable(),
  status: z.enum(['open', 'overdue', 'closed_on_time', 'closed_late']),
});
export const rectificationList = z.object({ items: z.array(rectificationView) });
export const rectificationQuery = z
  .object({
    open: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
export const closeRectificationBody = z.object({ note: trimmedText().min(2, { error: '请说明整改情况' }).max(2000) }).strict();

export const figuresQuery = z.object({ from: localDate, to: localDate }).strict();
export const figuresView = z.object({
  from: z.string(),
  to: z.string(),
  inspected: z.number().describe('samples scored in the period (已质检)'),
  awaitingScore: z.number().describe('samples drawn in the period and not yet scored (待评分)'),
  population: z.number(),
  coverage: z.number().nullable(),
  passRate: z.number().nullable(),
  rectificationsDue: z.number(),
  rectificationRate: z.number().nullable(),
  byAgent: z.array(
    z.object({
      agentUserId: z.uuid(),
      agentName: z.string(),
      inspections: z.number(),
      scored: z.number(),
      passed: z.number(),
      passRate: z.number().nullable(),
    }),
  ),
});
