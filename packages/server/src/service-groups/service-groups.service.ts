import { pathInScope } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import type { IntelligenceService } from '../intelligence/intelligence.service.js';
import { noticeJob } from '../notifications/domain/notice.js';
import type { createIntakeService } from '../orders/intake.service.js';
import { orderNumbersOf } from '../orders/order-lookups.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { AppError, conflict, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import type { SystemActor } from '../platform/jobs/system-actor.js';
import { verifySignedRequest, type SignedHeaders } from '../platform/signing/signed-request.js';
import type { SelfService } from '../selfservice/selfservice.service.js';
import { findUnitsByIds, unitIdsInScope } from '../units/units.repo.js';
import { likelyGrievance, whyInEnglish } from './domain/grievance.js';
import * as repo from './service-groups.repo.js';
import type { GroupMessageRow } from './service-groups.tables.js';

export type GroupMessageInput = { msgId: string; from: { id: string; name: string }; text: string; at: string };

/** Who reads and decides a group's drafts: the union's chair (a leader) and its staff, within their subtree. */
export const groupDraftRoles = ['leader', 'handler', 'dispatcher'] as const;

/**
 * The union's WeChat service groups (工好运): the bot relay posts each group's messages, signed; every message is read
 * by the intelligence module once; a likely grievance becomes a draft request and a notice to the group's chair,
 * who confirms it (an order of the WeChat channel, waiting for an agent's check) or dismisses it.
 */
export function createServiceGroupsService(deps: {
  db: Db;
  clock: Clock;
  secret: string | undefined;
  intelligence: IntelligenceService;
  intake: ReturnType<typeof createIntakeService>;
  selfService: SelfService;
  system: () => Promise<SystemActor>;
}) {
  const { db, clock } = deps;

  async function ingest(h: SignedHeaders, rawBody: string, body: { chatId: string; messages: GroupMessageInput[] }) {
    if (!deps.secret)
      throw new AppError('forbidden', 'WECHAT_GROUPS_NOT_CONFIGURED', '未配置微信服务群机器人密钥（HOTLINE_WECHAT_GROUP_SECRET），不接收群消息');
    const now = clock.now();
    // The signature first; the nonce is claimed in the transaction that stores the messages: a refused request stores nothing.
    await verifySignedRequest(h, rawBody, { method: 'hmac-sha256', secret: deps.secret, now, claimNonce: async () => true });
    return receive(body, async (tx) => {
      if (!(await repo.claimNonce(tx, h.nonce!, now))) throw conflict('SIGNATURE_REPLAYED', '重复的签名请求（nonce 已使用），已拒绝');
    });
  }

  /** Each new message read once; a likely grievance a draft and a notice to the chair, in one transaction with `first`. */
  async function receive(body: { chatId: string; messages: GroupMessageInput[] }, first?: (tx: Executor) => Promise<void>) {
    const now = clock.now();
    const group = await repo.groupByChat(db, body.chatId);
    // Reading is pure and needs no transaction: done before it opens (PGlite has one connection).
    const read = await Promise.all(
      body.messages.map(async (m) => {
        const r = await deps.intelligence.readUnattended(m.text, 'wechat');
        const verdict = likelyGrievance(m.text, {
          typeCode: r.type.code,
          typeConfidence: r.type.confidence,
          subjectCode: r.subject.code,
          riskFlags: r.riskFlags,
          urgent: r.urgent,
        });
        return { m, r, verdict };
      }),
    );
    return db.transaction(async (tx) => {
      if (first) await first(tx);
      if (!group) throw invalid('WECHAT_GROUP_UNKNOWN', '未登记的微信服务群', [{ field: 'body.chatId', message: '未登记的微信服务群' }]);
      let added = 0;
      let drafts = 0;
      for (const { m, r, verdict } of read) {
        const row = await repo.insertMessage(tx, {
          groupId: group.id,
          messageId: m.msgId,
          senderId: m.from.id,
          senderName: m.from.name,
          text: m.text,
          sentAt: new Date(m.at),
          receivedAt: now,
          reading: { typeCode: r.type.code, subjectCode: r.subject.code, confidence: r.type.confidence, riskFlags: [...r.riskFlags], why: verdict.why },
          state: verdict.likely ? 'draft' : 'read',
        });
        if (!row) continue;
        added++;
        if (!verdict.likely) continue;
        drafts++;
        const to = group.chairUserId ? [{ userId: group.chairUserId }] : [{ unitId: group.unitId, roles: ['leader' as const], nearest: true }];
        await outbox.enqueue(
          tx,
          [
            noticeJob(
              {
                kind: 'wechat_group.draft',
                to,
                title: `微信服务群“${group.name}”有一条疑似诉求待确认`,
                body: m.text.slice(0, 200),
                level: r.urgent || r.riskFlags.length ? 'urgent' : 'warning',
                key: `group_draft:${row.id}`,
                data: { messageId: row.id, groupId: group.id },
              },
              now,
            ),
          ],
          now,
        );
      }
      return { accepted: body.messages.length, added, drafts };
    });
  }

  // A draft's reasons are stored as they were read, in Chinese, and said in the reader's language (Accept-Language).
  const view = (r: GroupMessageRow, g: { name: string; unitId: string; unitName: string }, number: string | null, lang: 'zh' | 'en') => ({
    id: r.id,
    group: { id: r.groupId, name: g.name, unit: { id: g.unitId, name: g.unitName } },
    sender: r.senderName,
    text: r.text,
    sentAt: r.sentAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    reading: lang === 'en' ? { ...r.reading, why: r.reading.why.map(whyInEnglish) } : r.reading,
    state: r.state as 'draft' | 'confirmed' | 'dismissed' | 'read',
    version: r.version,
    orderNumber: number,
    dismissReason: r.dismissReason,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  });

  async function list(actor: Actor, q: { state?: 'draft' | 'confirmed' | 'dismissed' | undefined; limit: number }, lang: 'zh' | 'en' = 'zh') {
    requireRole(actor, ...groupDraftRoles);
    const messages = await repo.messagesOfUnits(db, unitIdsInScope(actor), q.state ? [q.state] : ['draft', 'confirmed', 'dismissed'], q.limit);
    // The unions' names through units.repo, the orders' numbers through the orders capability.
    const unitNames = new Map((await findUnitsByIds(db, [...new Set(messages.map((r) => r.unitId))])).map((u) => [u.id, u.name]));
    const numbers = await orderNumbersOf(
      db,
      messages.map((r) => r.m.orderId),
    );
    return {
      items: messages.map((r) => view(r.m, { ...r, unitName: unitNames.get(r.unitId) ?? '' }, r.m.orderId ? (numbers.get(r.m.orderId) ?? null) : null, lang)),
    };
  }

  /** The draft, locked, if the actor's subtree holds its group's union: anything else is 404. */
  async function lockedDraft(tx: Executor, actor: Actor, id: string, version: number) {
    const locked = await repo.lockMessage(tx, id);
    const [unit] = locked ? await findUnitsByIds(tx, [locked.unitId]) : [];
    const r = locked && unit ? { ...locked, unitName: unit.name, path: unit.path } : undefined;
    if (!r || r.m.state === 'read' || !pathInScope(actor, r.path)) throw notFound('GROUP_DRAFT_NOT_FOUND', '群消息草稿不存在或无权查看');
    if (r.m.version !== version) throw staleVersion('群消息草稿');
    if (r.m.state !== 'draft') throw conflict('GROUP_DRAFT_DECIDED', '该草稿已确认或已忽略');
    return r;
  }

  /** The chair confirms: the message becomes an order of the WeChat channel, pre-classified, waiting for an agent's check. */
  async function confirm(
    actor: Actor,
    id: string,
    input: { version: number; name?: string | undefined; phone?: string | undefined },
    lang: 'zh' | 'en' = 'zh',
  ) {
    requireRole(actor, ...groupDraftRoles);
    const peek = await repo.findMessage(db, id);
    if (!peek) throw notFound('GROUP_DRAFT_NOT_FOUND', '群消息草稿不存在或无权查看');
    const fields = await deps.selfService.preClassified(
      { phone: input.phone ?? '', code: '', name: input.name ?? peek.senderName, narrative: peek.text, confidential: false },
      'wechat',
      input.phone ?? null,
    );
    const now = clock.now();
    let decided: Awaited<ReturnType<typeof lockedDraft>> | null = null;
    const order = await deps.intake.receiveUnattended(await deps.system(), fields, async (tx, o) => {
      decided = await lockedDraft(tx, actor, id, input.version);
      await repo.updateMessage(tx, id, { state: 'confirmed', orderId: o.id, decidedBy: actor.userId, decidedAt: now, version: decided.m.version + 1 });
    });
    const d = decided!;
    return view({ ...d.m, state: 'confirmed', orderId: order.id, decidedAt: now, version: d.m.version + 1 }, d, order.number, lang);
  }

  async function dismiss(actor: Actor, id: string, input: { version: number; reason: string }, lang: 'zh' | 'en' = 'zh') {
    requireRole(actor, ...groupDraftRoles);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const d = await lockedDraft(tx, actor, id, input.version);
      const u = await repo.updateMessage(tx, id, {
        state: 'dismissed',
        dismissReason: input.reason,
        decidedBy: actor.userId,
        decidedAt: now,
        version: d.m.version + 1,
      });
      return view(u!, d, null, lang);
    });
  }

  return { ingest, receive, list, confirm, dismiss, purgeNonces: repo.purgeNonces };
}
export type ServiceGroupsService = ReturnType<typeof createServiceGroupsService>;
