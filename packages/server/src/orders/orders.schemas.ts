import { replyDoubts } from '../handling/domain/reply-plausibility.js';
import { z } from 'zod';
import { roles } from '../auth/roles.js';
import { idNumber, phoneNumber, trimmedText, versionField, yuan } from '../platform/http/schemas.js';
import { isValidCreditCode } from '../platform/validation/credit-code.js';
import { hopStatuses } from './domain/effects.js';
import { orderActions } from './domain/state-machine.js';
import { legalActions, legalWork } from '../legal/domain/legal-actions.js';
import { channels, orderStates, priorities, satisfactionLevels, tiers } from './domain/states.js';

const text = (max: number, label: string) =>
  trimmedText({ error: `请填写${label}` })
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 字` });
const optionalText = (max: number, label: string) =>
  trimmedText()
    .max(max, { error: `${label}不能超过 ${max} 字` })
    .optional();

export const callerInput = z
  .object({
    name: text(40, '来电人姓名'),
    phone: phoneNumber.optional(),
    idNumber: idNumber.optional(),
    relation: z
      .enum(['self', 'relative', 'colleague', 'representative', 'other'], { error: '关系应为 self/relative/colleague/representative/other' })
      .optional(),
  })
  .strict();

const divisionCode = z.string().regex(/^\d{6}(\d{3})?$/, { error: '行政区划代码应为 6 位（区县）或 9 位（乡镇街道）数字' });
const creditCode = trimmedText()
  .transform((s) => s.toUpperCase())
  .refine(isValidCreditCode, { error: '统一社会信用代码格式或校验位不正确' });
export const amount = yuan('金额').max(1e11, { error: '金额过大' });
const workers = z.number({ error: '人数应为整数' }).int({ error: '人数应为整数' }).min(1, { error: '人数至少为 1' }).max(100000, { error: '人数过大' });
/** Where the problem is (属地): the place as said, and its division code when known. */
export const placeInput = z.object({ text: optionalText(200, '地点'), divisionCode: divisionCode.optional() }).strict();
export const riskFlagCodes = z.array(z.string().max(40)).max(10);

export const createOrderBody = z
  .object({
    channel: z.enum(channels, { error: '未知的来源渠道' }),
    callers: z.array(callerInput).min(1, { error: '至少登记一名来电人' }).max(50, { error: '来电人最多 50 名' }),
    employer: z
      .object({ name: optionalText(100, '用人单位名称'), creditCode: creditCode.optional(), address: optionalText(200, '用人单位地址') })
      .strict()
      .optional(),
    place: placeInput.optional(),
    title: optionalText(60, '标题'),
    narrative: text(5000, '诉求内容'),
    typeCode: z.string({ error: '请选择诉求类型' }).min(1).max(40),
    subjectCode: z.string({ error: '请选择诉求事项' }).min(1).max(40),
    priority: z.enum(priorities, { error: '紧急程度应为 normal/urgent/major' }).default('normal'),
    tier: z.enum(tiers, { error: '难度应为 general/difficult/complex' }).default('general'),
    riskFlags: riskFlagCodes.default([]),
    /** Threshold flags (mass, large, repeat) are set at intake; the agent may take one off, with a reason. */
    clearedRiskFlags: z
      .array(
        z
          .object({
            flag: z.enum(['mass', 'large', 'repeat'], { error: '只能清除系统按标准设置的标识：mass/large/repeat' }),
            reason: trimmedText({ error: '请填写清除理由' }).min(2, { error: '清除理由至少 2 个字' }).max(200, { error: '清除理由最多 200 字' }),
          })
          .strict(),
      )
      .max(3)
      .default([]),
    workersInvolved: workers.optional(),
    amountInvolved: amount.optional(),
    confidential: z.boolean().default(false),
    answeredOnSpot: z
      .object({ answer: text(5000, '当场答复内容') })
      .strict()
      .optional(),
  })
  .strict();

export const versionBody = { version: versionField };
export const reasonText = (label = '理由') => text(1000, label);
/**
 * An optional note of the order's workflow (a dispatch's, a sign's, a callback's, a review's comment …): trimmed as
 * every text is, and no note at all when nothing of it would show (spaces, U+200B …), so that the timeline never
 * keeps an empty or invisible note and a rule that asks for one (a rework's reason, a refusal's) sees it as missing.
 */
export const noteText = (label = '备注', max = 1000) =>
  trimmedText()
    .max(max, { error: `${label}不能超过 ${max} 字` })
    .transform((s) => s || undefined)
    .optional();

const iso = z.string();
const unitRef = z.object({ id: z.string(), name: z.string() });
const deadlineState = z.enum(['on_time', 'near_due', 'overdue']);

export const orderSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  state: z.enum(orderStates),
  stateName: z.string(),
  version: z.number(),
  channel: z.string(),
  typeCode: z.string(),
  subjectCode: z.string(),
  priority: z.string(),
  tier: z.string(),
  riskFlags: z.array(z.string()),
  title: z.string(),
  employerName: z.string().nullable(),
  placeText: z.string().nullable(),
  divisionCode: z.string().nullable(),
  confidential: z.boolean(),
  isGroup: z.boolean(),
  callerCount: z.number(),
  workersInvolved: z.number().nullable(),
  amountInvolved: z.number().nullable(),
  holderUnit: unitRef,
  createdAt: iso,
  createdDate: z.string(),
  deadlines: z.object({
    currentStep: z.string().nullable(),
    current: z.object({ dueAt: iso, nearDueAt: iso.nullable(), status: deadlineState }).nullable(),
    reply: z
      .object({
        dueAt: iso,
        nearDueAt: iso.nullable(),
        status: deadlineState.nullable(),
        limit: z
          .object({ amount: z.number().nullable(), unit: z.string() })
          .nullable()
          .describe(
            '办理时限：数量与单位（working_days 工作日、working_hours 工作小时……）；延期以此为单位、最多延长这么多 / the reply limit: an extension is asked in its unit, at most its amount',
          ),
      })
      .nullable(),
    callbackDueAt: iso.nullable(),
    returnDueAt: iso.nullable(),
  }),
  deadlineProvisional: z
    .boolean()
    .describe(
      '期限暂定：按放假办法推算的暂定日历计算，正式节假日安排导入后重算 / a deadline counted on a provisional calendar year; recomputed when the official year is entered',
    ),
  /** The handler's reported outcome and the caller's verdict on the handling, for lists and their exports. */
  outcome: z
    .object({
      resolved: z.boolean(),
      measures: z.string(),
      amountRecovered: z.number(),
      workersHelped: z.number(),
      doubts: z
        .array(z.enum(replyDoubts))
        .optional()
        .describe(
          '存疑之处：追回金额远超涉及金额、帮助人数超过涉及人数、措施过短或只是套话（提醒审核人核实） / what looks implausible in the reply, for the reviewer to check',
        ),
      confirmedDoubts: z
        .array(z.enum(replyDoubts))
        .optional()
        .describe('承办人提交时已核实确认的数字存疑 / the doubts about the figures the handler confirmed when replying'),
    })
    .nullable()
    .describe(
      '办结反馈；退回重办后清空（被退回的数字只留在时间线上） / the reply; cleared when sent back for rework (the rejected figures stay on the timeline)',
    ),
  handlingSatisfaction: z.string().nullable(),
});

export const callerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  relation: z.string(),
  isPrimary: z.boolean(),
  channel: z.string(),
  calledAt: iso,
  sourceOrderId: z.string().nullable(),
});

export const orderViewSchema = orderSummarySchema.extend({
  narrative: z.string(),
  answer: z.string().nullable(),
  employer: z.object({ name: z.string().nullable(), creditCode: z.string().nullable(), address: z.string().nullable() }),
  place: z.object({ text: z.string().nullable(), divisionCode: z.string().nullable() }),
  contactAccess: z.enum(['plain', 'masked', 'hidden']),
  callers: z.array(callerSchema),
  intakeUnit: unitRef,
  dispatchUnit: unitRef.nullable(),
  hopDispatcherUnit: unitRef.nullable(),
  firstDispatchedAt: iso.nullable(),
  signedAt: iso.nullable(),
  repliedAt: iso.nullable(),
  acceptedAt: iso.nullable(),
  closedAt: iso.nullable(),
  pendingExtension: z.object({ id: z.string(), requestedAt: iso, requestedDueAt: iso, reason: z.string() }).nullable(),
  counts: z.object({ extensions: z.number(), returns: z.number(), reworks: z.number(), reopens: z.number(), callbackAttempts: z.number() }),
  callback: z.object({ at: iso, handlingSatisfaction: z.string().nullable(), callSatisfaction: z.string().nullable() }).nullable(),
  mergedIntoId: z.string().nullable(),
  /** The orders merged into this one, each with its caller's own words. */
  absorbed: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), narrative: z.string(), channel: z.string(), createdAt: z.string() })),
  invalidReason: z.string().nullable(),
  hops: z.array(
    z.object({
      seq: z.number(),
      fromUnit: unitRef,
      toUnit: unitRef,
      dispatchedAt: iso,
      note: z.string().nullable(),
      signDueAt: iso.nullable(),
      signedAt: iso.nullable(),
      returnedAt: iso.nullable(),
      returnReason: z.string().nullable(),
      status: z.enum(hopStatuses),
    }),
  ),
  coHandlers: z.array(
    z.object({
      id: z.uuid(),
      unit: unitRef,
      task: z.string().nullable(),
      invitedAt: iso,
      removedAt: iso.nullable(),
      partReply: z.string().nullable(),
      repliedAt: iso.nullable(),
    }),
  ),
  extensions: z.array(
    z.object({
      id: z.uuid(),
      requestedAt: iso,
      requestedByUnit: unitRef,
      reason: z.string(),
      previousDueAt: iso,
      requestedDueAt: iso,
      decidedAt: iso.nullable(),
      approved: z.boolean().nullable(),
      decisionNote: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number(), kind: z.string(), uploadedAt: iso, uploadedByUnit: unitRef }),
  ),
  links: z.array(z.object({ orderId: z.string(), number: z.string(), state: z.string(), note: z.string().nullable() })),
  relations: z.array(z.string()),
  allowedActions: z.array(z.enum(orderActions)),
  legalActions: z
    .array(z.enum(legalActions))
    .describe(
      '可从本工单发起的法律服务：起草监督函、发起调解、转介；已办结的工单不再发起，已有进行中的调解时不再发起调解 / the legal work the person may start from the order: a supervision letter, a mediation, a referral; none on a closed order, and no mediation while one is open',
    ),
  legalWork: z
    .array(z.enum(legalWork))
    .describe(
      "可继续办理的已开始的法律服务（工单办结后亦可）：调解（记录调解、协议、履行）、登记转介结果 / the legal work already begun the person may carry on, on a closed order too: mediating a case (sessions, agreement, instalments), recording a referral's result",
    ),
});

export const orderEventSchema = z.object({
  id: z.number(),
  at: iso,
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actor: z.object({ userId: z.string().nullable(), name: z.string().nullable(), role: z.string().nullable() }),
  unit: unitRef.nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  note: z.string().nullable(),
});

export const satisfaction = z.enum(satisfactionLevels, { error: '满意度应为 satisfied/basically_satisfied/dissatisfied' });
export { roles };
