import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import * as repo from '../exchange/exchange.repo.js';
import { exchangeMessages } from '../exchange/exchange.tables.js';
import type { FieldMapping } from '../exchange/domain/mapping.js';
import { isReported, statusPayload } from '../exchange/domain/outbound.js';
import { effectiveMapping, nationalFormat } from '../exchange/domain/national-upload.js';
import { streamDayUpload } from '../exchange/national-upload.service.js';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import type { Db } from '../platform/db/client.js';
import type { SecretBox } from '../platform/secrets/secret-box.js';
import { orderCallers, orderEvents, workOrders } from '../orders/orders.tables.js';
import { units } from '../units/units.tables.js';

/** The demo partners' secrets (the simulator's defaults): never used unless the demo is on. */
export const demoExchangeSecrets = { gov12345: 'demo-exchange-secret-12345', national: 'demo-exchange-secret-national' } as const;
/** Where the demo's 12345 expects our messages: `npm run exchange:simulate` listens there. */
export const demoSimulatorUrl = 'http://127.0.0.1:4100/';

export const demo12345Mapping: FieldMapping = {
  fields: {
    narrative: 'appealContent',
    title: 'appealTitle',
    typeCode: 'appealType',
    subjectCode: 'appealItem',
    'place.divisionCode': 'areaCode',
    'callers.0.name': 'citizen.name',
    'callers.0.phone': 'citizen.mobile',
    'employer.name': 'companyName',
  },
  values: { typeCode: { 投诉: 'complaint', 咨询: 'consult', 求助: 'help', 建议: 'suggestion' } },
  states: {
    pending_dispatch: '已受理',
    pending_sign: '已派发',
    handling: '办理中',
    replied: '已答复',
    pending_callback: '待回访',
    archived: '已办结',
    invalid: '已退回',
  },
  defaults: { priority: 'normal', tier: 'general', riskFlags: [], confidential: false },
};

/**
 * The demo's exchange: the city's 12345 (both directions, through the simulator's port) and the national 12351
 * platform (sends orders), each with a few orders taken from the demo's generated ones, their status messages
 * delivered, and one that failed so the messages page has something to retry.
 *
 * The messages are written in the order of their times, whatever order they are made in (newest order first, then
 * the uploads): the page lists them by number, and a real installation numbers them as they happen, so #11 at 16:52
 * before #12 at 13:17 told of a sequence that never was.
 */
export async function seedDemoExchange(db: Db, now: Date, secrets: SecretBox): Promise<void> {
  const [centre] = await db.select().from(units).where(eq(units.type, 'hotline_centre')).orderBy(asc(units.depth)).limit(1);
  if (!centre) return;
  const at = now;
  const p12345 = await repo.insertPartner(db, {
    name: '市 12345 政务服务便民热线',
    kind: 'gov12345',
    direction: 'both',
    endpoint: demoSimulatorUrl,
    credentials: { appKey: 'hotline-12351' },
    signingMethod: 'hmac-sm3',
    signingSecret: secrets.seal(demoExchangeSecrets.gov12345),
    mapping: demo12345Mapping,
    receivingUnitId: centre.id,
    createdAt: at,
    updatedAt: at,
  });
  const national = await repo.insertPartner(db, {
    name: '全国 12351 职工服务平台',
    kind: 'national',
    // Both ways: it sends orders, and receives the daily upload (全总数据联通) and their status.
    direction: 'both',
    endpoint: demoSimulatorUrl,
    credentials: { platformCode: 'ACFTU-12351' },
    signingMethod: 'hmac-sha256',
    signingSecret: secrets.seal(demoExchangeSecrets.national),
    mapping: { fields: {}, values: {}, states: {}, defaults: { priority: 'normal', tier: 'general', riskFlags: [], confidential: false } },
    receivingUnitId: centre.id,
    createdAt: at,
    updatedAt: at,
  });
  const orders = await db
    .select()
    .from(workOrders)
    .where(and(isNull(workOrders.sourcePartnerId), eq(workOrders.createdByRole, 'agent')))
    .orderBy(sql`${workOrders.createdAt} desc`)
    .limit(6);
  // Every message made below, written at the end in the order of their times (writeInTimeOrder).
  const messages: repo.NewMessage[] = [];
  let outageShown = false;
  for (const [i, o] of orders.entries()) {
    const partner = i < 4 ? p12345 : national;
    const externalId = partner === p12345 ? `HHHT12345-2026-${String(1000 + i)}` : `ACFTU-${String(880 + i)}`;
    await db
      .update(workOrders)
      .set({ sourcePartnerId: partner.id, channel: partner === p12345 ? 'transfer_12345' : 'upper_platform' })
      .where(eq(workOrders.id, o.id));
    await db
      .update(orderCallers)
      .set({ channel: partner === p12345 ? 'transfer_12345' : 'upper_platform' })
      .where(eq(orderCallers.orderId, o.id));
    messages.push({
      partnerId: partner.id,
      direction: 'in',
      kind: 'order',
      orderId: o.id,
      externalId,
      payload: { number: o.number, order: { appealContent: o.narrative } },
      state: 'received',
      createdAt: o.createdAt,
    });
    if (partner !== p12345) continue;
    // The status messages the partner heard: one per reported change on the order's own timeline, in order.
    const steps = (await db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id)).orderBy(asc(orderEvents.at), asc(orderEvents.id))).filter(
      (e) => isReported(e.action) && e.toState,
    );
    for (const [seq, e] of steps.entries()) {
      // One partner outage to show: the last status of the first order that has any (the first order may have none yet).
      const failed = !outageShown && seq === steps.length - 1;
      if (failed) outageShown = true;
      messages.push({
        partnerId: partner.id,
        direction: 'out',
        kind: 'status',
        orderId: o.id,
        externalId,
        seq: seq + 1,
        payload: statusPayload(demo12345Mapping, { externalId, number: o.number, state: e.toState!, action: e.action, at: e.at }),
        state: failed ? 'failed' : 'delivered',
        attempts: failed ? 60 : 1,
        lastError: failed ? '无法连接对方：ECONNREFUSED' : null,
        lastErrorKind: failed ? 'refused' : null,
        partnerReceipt: failed ? null : `R-${o.number.slice(-4)}-${seq + 1}`,
        ackCount: failed ? 0 : 1,
        createdAt: e.at,
        deliveredAt: failed ? null : e.at,
        lastAttemptAt: e.at,
      });
    }
  }
  await seedDemoUploads(db, national, now, messages);
  await writeInTimeOrder(db, messages);
}

/**
 * The messages written one by one in the order of their times (a stable sort: an order's receipt before its first
 * status of the same instant), so their numbers follow time as a real installation's do.
 */
async function writeInTimeOrder(db: Db, messages: repo.NewMessage[]): Promise<void> {
  const inOrder = [...messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const m of inOrder) await db.insert(exchangeMessages).values(m);
}

/**
 * The last three days' national uploads, delivered (the first of them on its second attempt): the uploads tab's
 * history. The uploads are written here; their batches' messages go into `messages`, written with the others.
 */
async function seedDemoUploads(db: Db, national: repo.PartnerRow, now: Date, messages: repo.NewMessage[]): Promise<void> {
  const today = localDateOf(now);
  const mapping = effectiveMapping(national.mapping);
  const platformCode = national.credentials.platformCode ?? null;
  for (const back of [3, 2, 1]) {
    const day = addDaysToDate(today, -back);
    const made = new Date(instantAt(addDaysToDate(day, 1), 60).getTime());
    // Built as the daily job builds it (a batch at a time), its messages written as already delivered.
    await db.transaction(async (tx) => {
      const figures = await repo.figuresOfDay(tx, instantAt(day, 0), instantAt(addDaysToDate(day, 1), 0));
      await streamDayUpload(
        tx,
        { mapping, platformCode, day, figures },
        {
          claim: ({ orders, batches }) =>
            repo.insertUpload(tx, { partnerId: national.id, day, format: nationalFormat, orders, batches, figures, createdAt: made }),
          message: async (uploadId, batch, payload) => {
            messages.push({
              partnerId: national.id,
              direction: 'out',
              kind: 'upload',
              externalId: `${day}#${batch}`,
              uploadId,
              payload,
              state: 'delivered',
              attempts: back === 3 ? 2 : 1,
              partnerReceipt: `ACFTU-${day.replaceAll('-', '')}-${batch}`,
              ackCount: 1,
              createdAt: made,
              deliveredAt: made,
              lastAttemptAt: made,
            });
          },
        },
      );
    });
  }
}
