import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, trimmedText, versionField } from '../platform/http/schemas.js';
import { membershipActions, membershipStates } from './domain/membership.js';
import type { MembershipService } from './membership.service.js';

const application = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  phone: z.string(),
  employer: z.string(),
  industry: z.string(),
  placeText: z.string().nullable(),
  unit: z.object({ id: z.string(), name: z.string() }),
  state: z.enum(membershipStates),
  stateName: z.string(),
  version: z.number(),
  cardNumber: z.string().nullable(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  cardIssuedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(membershipActions)),
});

/** The union's side of 入会申请: its applications (its subtree), accepted, declined, the member card issued. */
export const membershipRoutes: FastifyPluginAsyncZod<{ membership: MembershipService }> = async (app, { membership }) => {
  const tags = ['memberships'];
  app.get(
    '/',
    {
      schema: {
        operationId: 'listMembershipApplications',
        tags,
        querystring: z
          .object({
            state: z.enum(membershipStates, { error: '状态应为 received/accepted/card_issued/declined' }).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(200),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(application) }), ...errorResponses },
        ...describe('本单位及下级工会收到的入会申请（新的在前）', 'Membership applications of the unit’s subtree, newest first.'),
      },
    },
    async (req) => membership.list(actorOf(req), req.query),
  );

  const act = (path: string, operationId: string, action: (typeof membershipActions)[number], body: z.ZodObject, zh: string, en: string) =>
    app.post(
      `/:id/${path}`,
      {
        schema: { operationId, tags, params: idParam, body, response: { 200: application, ...errorResponses }, ...describe(zh, en) },
      },
      async (req) => membership.decide(actorOf(req), (req.params as { id: string }).id, action, req.body as { version: number }),
    );
  act('accept', 'acceptMembershipApplication', 'accept', z.object({ version: versionField }).strict(), '同意入会', 'Accept the application.');
  act(
    'issue-card',
    'issueMemberCard',
    'issue_card',
    z
      .object({
        version: versionField,
        cardNumber: trimmedText()
          .regex(/^[A-Za-z0-9-]{4,30}$/, { error: '会员卡号为 4–30 位字母、数字或连字符' })
          .optional(),
      })
      .strict(),
    '发放会员卡（卡号可不填，按申请编号生成）',
    'Issue the member card (without a number, one is made from the application’s).',
  );
  act(
    'decline',
    'declineMembershipApplication',
    'decline',
    z
      .object({
        version: versionField,
        reason: trimmedText({ error: '请填写不予入会的理由' }).min(1, { error: '请填写不予入会的理由' }).max(500, { error: '理由不能超过 500 字' }),
      })
      .strict(),
    '不予入会（说明理由）',
    'Decline the application with a reason.',
  );
};
