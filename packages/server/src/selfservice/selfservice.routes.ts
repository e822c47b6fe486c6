import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createOrderBody } from '../orders/orders.schemas.js';
import { satisfactionLevels } from '../orders/domain/states.js';
import { AppError } from '../platform/errors/app-error.js';
import { describe, errorResponses, phoneNumber, trimmedText } from '../platform/http/schemas.js';
import { mobilePhoneNumber } from '../platform/validation/phone-number.js';
import { membershipStates } from './domain/membership.js';
import { verificationPurposes } from './domain/verification.js';
import type { PublicStage } from './domain/public-progress.js';
import type { MembershipService } from './membership.service.js';
import type { SelfService } from './selfservice.service.js';
import type { Verification } from './verification.js';

/**
 * How often the public page may be used from one address and for one phone (@fastify/rate-limit, per instance):
 * codes are the costly part (an SMS each) and the target of abuse; following a request is limited so numbers
 * cannot be tried in bulk.
 */
export const publicLimits = {
  codesPerAddressPerHour: 10,
  codesPerPhonePerHour: 5,
  submissionsPerAddressPerHour: 20,
  lookupsPerAddressPerMinute: 20,
} as const;
const hour = 3600_000;
const byAddress = (scope: string) => (req: FastifyRequest) => `${scope}:ip:${req.ip}`;

// Codes go by SMS, so a code, a request and an application take a mobile; following a request takes any number the
// hotline records for a caller (a landline too: people call 12351 from one), normalised by the same rule as at intake.
const mobile = phoneNumber.pipe(z.string().regex(mobilePhoneNumber, { error: '请填写 11 位手机号码' }));
const code = z.string({ error: '请填写验证码' }).regex(/^\d{6}$/, { error: '验证码为 6 位数字' });
const orderNumber = trimmedText({ error: '请填写受理编号' }).regex(/^[A-Za-z0-9-]{6,40}$/, { error: '受理编号格式不正确' });
const words = z.object({ zh: z.string(), en: z.string() });
const stages = ['checking', 'accepted', 'handling', 'reviewing', 'answered', 'closed', 'merged', 'not_accepted'] as const satisfies readonly PublicStage[];

// The request's fields are intake's own (same limits, same messages); the phone is verified, the rest is read by the intelligence module.
const intakeFields = createOrderBody.shape;
const requestBody = z
  .object({
    phone: mobile,
    code,
    name: trimmedText({ error: '请填写姓名' }).min(1, { error: '请填写姓名' }).max(40, { error: '姓名不能超过 40 字' }),
    narrative: intakeFields.narrative,
    employer: z.object({ name: intakeFields.employer.unwrap().shape.name }).strict().optional(),
    place: intakeFields.place,
    workersInvolved: intakeFields.workersInvolved,
    amountInvolved: intakeFields.amountInvolved,
    confidential: intakeFields.confidential,
  })
  .strict();

const progress = z.object({
  number: z.string(),
  submittedAt: z.string(),
  title: z.string(),
  stage: z.enum(stages),
  stageText: words,
  handlingUnit: z.string().nullable(),
  answer: z.string().nullable().describe('答复内容（热线审核通过后才显示） / the answer, shown once the hotline accepted it'),
  steps: z.array(z.object({ at: z.string(), text: words })),
  rating: z.object({ satisfaction: z.enum(satisfactionLevels), comment: z.string().nullable(), ratedAt: z.string() }).nullable(),
  canRate: z.boolean(),
});
// A wrong but well-formed number answers the same 404 as a wrong order number (selfservice.service.ts notFollowed).
const follow = {
  number: orderNumber,
  phone: phoneNumber.describe(
    '来电时登记的电话号码：手机或带区号的固定电话，可含空格和横线 / the number the caller gave: a mobile or a landline with area code',
  ),
};

type Opts = { verification: Verification; selfService: SelfService; membership: MembershipService };

/** The worker's own page (自助服务): public, no account; every write proves the phone with a code sent to it. */
export const selfServiceRoutes: FastifyPluginAsyncZod<Opts> = async (app, { verification, selfService, membership }) => {
  const tags = ['self-service'];
  // A second limit on the same route, per phone (the body is parsed by now): the plugin runs one limiter per request
  // by itself, so this one is asked directly.
  const phoneLimiter = app.createRateLimit({
    max: publicLimits.codesPerPhonePerHour,
    timeWindow: hour,
    keyGenerator: (req) => `code:phone:${(req.body as { phone?: string } | undefined)?.phone ?? ''}`,
  });
  const perPhone = async (req: FastifyRequest) => {
    const r = await phoneLimiter(req);
    if (!r.isAllowed && r.isExceeded) {
      const seconds = Math.max(1, Math.ceil(r.ttlInSeconds));
      throw new AppError('too_many', 'RATE_LIMITED', `该号码获取验证码过于频繁，请 ${seconds} 秒后再试`, { retryAfterSeconds: seconds });
    }
  };

  app.post(
    '/verification-codes',
    {
      config: { public: true, rateLimit: { max: publicLimits.codesPerAddressPerHour, timeWindow: hour, keyGenerator: byAddress('code') } },
      preHandler: perPhone,
      schema: {
        operationId: 'requestVerificationCode',
        tags,
        body: z.object({ phone: mobile, purpose: z.enum(verificationPurposes, { error: '用途应为 request 或 membership' }) }).strict(),
        response: { 200: z.object({ sentTo: z.string(), expiresAt: z.string(), resendAfterSeconds: z.number() }), ...errorResponses },
        ...describe(
          '向手机发送 6 位验证码（10 分钟内有效，只能使用一次，错 5 次作废；同一号码 60 秒一次，每个号码和每个地址每小时有上限）',
          'Sends a 6-digit code to the phone (valid 10 minutes, once, 5 tries; one a minute per phone; hourly limits per phone and per address).',
        ),
      },
    },
    async (req) => verification.send(req.body.phone, req.body.purpose),
  );

  const submissionLimit = { max: publicLimits.submissionsPerAddressPerHour, timeWindow: hour, keyGenerator: byAddress('submit') };
  app.post(
    '/requests',
    {
      config: { public: true, rateLimit: submissionLimit },
      schema: {
        operationId: 'submitPublicRequest',
        tags,
        body: requestBody,
        response: { 200: z.object({ number: z.string(), submittedAt: z.string(), stage: z.enum(stages), stageText: words }), ...errorResponses },
        ...describe(
          '职工自助提交诉求（须手机验证码）：与热线受理相同的校验；由智能分析预分类，进入闭环，待接线员核实后派单。返回受理编号，凭编号和手机号查询进度',
          'A worker submits a request (phone code required): intake’s validation; pre-classified by the intelligence module, it enters the loop and waits for an agent’s check before dispatch. Returns the number to follow it with.',
        ),
      },
    },
    async (req) => selfService.submit(req.body),
  );

  const lookupLimit = { max: publicLimits.lookupsPerAddressPerMinute, timeWindow: 60_000, keyGenerator: byAddress('follow') };
  app.post(
    '/requests/track',
    {
      config: { public: true, rateLimit: lookupLimit },
      schema: {
        operationId: 'trackPublicRequest',
        tags,
        body: z.object(follow).strict(),
        response: { 200: progress, ...errorResponses },
        ...describe(
          '凭受理编号（工单号）和来电时登记的电话号码（手机或固定电话）查询诉求进度：通俗的状态说明和答复，不含内部记录和其他来电人信息；编号与号码不符与不存在同样答复 404',
          'Follow a request or a call’s order by its number and the phone the caller gave (mobile or landline): the state in plain words and the answer, no internal notes, nothing of other callers; a wrong pair answers the same 404 as a missing one.',
        ),
      },
    },
    async (req) => selfService.track(req.body),
  );

  app.post(
    '/requests/rate',
    {
      config: { public: true, rateLimit: lookupLimit },
      schema: {
        operationId: 'ratePublicRequest',
        tags,
        body: z
          .object({
            ...follow,
            satisfaction: z.enum(satisfactionLevels, { error: '评价应为 satisfied/basically_satisfied/dissatisfied' }),
            comment: trimmedText().max(500, { error: '评价内容不能超过 500 字' }).optional(),
          })
          .strict(),
        response: { 200: progress, ...errorResponses },
        ...describe(
          '答复后对办理结果评价（满意度的“自评”渠道，每件一次）；不满意时通知派单的热线',
          'Rate the handling once it was answered (the self-rating channel of satisfaction, once per request); a dissatisfied rating notifies the hotline desk.',
        ),
      },
    },
    async (req) => selfService.rate(req.body),
  );

  // Followed as a request is: by the number the worker was given and the phone, under the same per-address limit.
  app.post(
    '/memberships/track',
    {
      config: { public: true, rateLimit: lookupLimit },
      schema: {
        operationId: 'trackMembershipApplication',
        tags,
        body: z
          .object({
            number: trimmedText({ error: '请填写申请编号' }).regex(/^[A-Za-z0-9-]{6,40}$/, { error: '申请编号格式不正确' }),
            phone: phoneNumber.describe('申请时验证的手机号码 / the mobile the application was made from'),
          })
          .strict(),
        response: {
          200: z.object({
            number: z.string(),
            submittedAt: z.string(),
            unitName: z.string().describe('受理的工会 / the union the application went to'),
            state: z.enum(membershipStates),
            stateText: words,
            declineReason: z.string().nullable().describe('未通过的理由 / why it was declined'),
            steps: z.array(z.object({ at: z.string(), text: words })),
          }),
          ...errorResponses,
        },
        ...describe(
          '凭申请编号（RH 开头）和申请时的手机号码查询入会申请的办理情况：状态、受理工会、各步骤时间，未通过时的理由；编号与号码不符与不存在同样答复 404',
          'Follow a membership application by its number (RH…) and the phone it was made from: state, the union, the steps, the reason when declined; a wrong pair answers the same 404 as a missing one.',
        ),
      },
    },
    async (req) => membership.track(req.body),
  );

  app.post(
    '/memberships',
    {
      config: { public: true, rateLimit: submissionLimit },
      schema: {
        operationId: 'applyMembership',
        tags,
        body: z
          .object({
            name: requestBody.shape.name,
            phone: mobile,
            code,
            // Two characters at least: the union reads the employer's place from its name and calls it back; one
            // character names nobody. Blank is 请填写, one character says what is missing (the web checks the same).
            employer: trimmedText({ error: '请填写工作单位' })
              .min(1, { error: '请填写工作单位', abort: true })
              .min(2, { error: '工作单位至少 2 个字' })
              .max(100, { error: '工作单位不能超过 100 字' }),
            industry: trimmedText({ error: '请填写所在行业' }).min(1, { error: '请填写所在行业' }).max(40, { error: '行业不能超过 40 字' }),
            place: intakeFields.place,
          })
          .strict(),
        response: {
          200: z.object({ number: z.string(), unitName: z.string(), state: z.literal('received'), stateText: words, submittedAt: z.string() }),
          ...errorResponses,
        },
        ...describe(
          '入会申请（须手机验证码）：按工作单位所在地转给当地工会，由其受理、同意入会并发放会员卡',
          'Apply to join the union (phone code required): routed to the union of the employer’s place, which accepts it and issues the member card.',
        ),
      },
    },
    async (req) => membership.apply(req.body),
  );
};
