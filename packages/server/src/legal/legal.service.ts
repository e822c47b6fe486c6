import { and, eq, isNull, sql } from 'drizzle-orm';
import { requireRole, type Actor } from '../auth/actor.js';
import { pathInScope, scopeUnitIdOf, withinScope } from '../access/scope.js';
import { addDaysToDate, localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor, Tx } from '../platform/db/client.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { employersOfRecord, employerWindows, recentOrdersOfEmployers, recordOrderFact, type OrderFactKind } from '../orders/order-facts.js';
import { findVisibleOrder, type OrderRow } from '../orders/orders.repo.js';
import { unitIdsInScope, unitsById } from '../units/units.repo.js';
import { userNames } from '../users/user-names.js';
import { legalRefusal, legalRoles, legalWorkRoles } from './domain/legal-actions.js';
import { defaultBasis, type Citation } from './domain/legal-basis.js';
import { letterKindNames, letterNumber, type LetterKind } from './domain/letter-number.js';
import { assessEmployer, defaultRiskThresholds, type RiskLevel, type RiskThresholds } from './domain/risk-assessment.js';
import * as repo from './legal.repo.js';
import { countUpTo } from '../platform/db/capped-count.js';
import { decodeRegisterCursor, encodeRegisterCursor } from './register-cursor.js';

/** A notice to a unit's people (the notification centre delivers it). */
export type UnitNotice = { unitId: string; kind: string; title: string; body: string; link: string | null };
export type Notify = (tx: Executor, notices: UnitNotice[], at: Date) => Promise<void>;

type Deps = {
  db: Db;
  clock: Clock;
  notify: Notify;
  thresholds?: () => Promise<RiskThresholds>;
  /** How far the register with the employers that left is counted (HOTLINE_LIST_COUNT_CAP, as the order list). */
  listCountCap?: number;
};

/** Whoever may draft a letter edits it and records its delivery and what came of it. */
const drafting = legalRoles.draft_letter;
const registerReaders = ['supervisor', 'leader', 'dispatcher', 'handler', 'inspector', 'lawyer', 'mediator'] as const;

/** What a union asks of the employer by default, per subject; the drafter edits it. */
const defaultDemands: Record<string, string> = {
  wage_arrears: '立即核实拖欠工资情况，依法足额支付所欠劳动者工资；',
  labor_contract: '依法与劳动者订立书面劳动合同，依法支付应付的二倍工资或经济补偿；',
  social_insurance: '依法为劳动者办理社会保险登记并足额补缴社会保险费；',
  work_injury: '依法为受伤职工申请工伤认定，落实工伤保险待遇；',
  working_hours: '严格执行国家工时制度，依法支付加班工资，保障职工休息休假权利；',
  labor_safety: '立即排查整改劳动安全卫生隐患，为职工提供符合标准的劳动防护用品；',
  women_workers: '依法落实女职工特殊劳动保护，纠正违法行为；',
  new_forms: '依法保障新就业形态劳动者的劳动报酬、休息和劳动安全等权益；',
};

export function createLegalService(deps: Deps) {
  const { db, clock } = deps;
  const thresholds = deps.thresholds ?? (async () => defaultRiskThresholds);
  const countCap = deps.listCountCap ?? 1000;

  async function visibleOrder(ex: Executor, actor: Actor, orderId: string): Promise<OrderRow> {
    const order = await findVisibleOrder(ex, actor, orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    return order;
  }

  async function visibleLetter(actor: Actor, id: string) {
    const l = await repo.findLetter(db, id);
    if (!l || !(await findVisibleOrder(db, actor, l.orderId))) throw notFound('LETTER_NOT_FOUND', '监督函不存在或无权查看');
    return l;
  }

  const unitName = async (ex: Executor, id: string) => (await unitsById(ex, [id])).get(id)?.name ?? '';

  // ── Legal supervision letters ───────────────────────────────────────────────────────────────────────────────
  async function createLetter(actor: Actor, input: { orderId: string; kind: LetterKind }) {
    requireRole(actor, ...legalRoles.draft_letter);
    const now = clock.now();
    const id = await db.transaction(async (tx) => {
      const order = await visibleOrder(tx, actor, input.orderId);
      const refused = legalRefusal('draft_letter', order);
      if (refused) throw refused;
      const issuing = await unitName(tx, actor.unitId);
      const workers = order.workersInvolved ? `${order.workersInvolved}名职工` : '职工';
      const amount = order.amountInvolved ? `，涉及金额${order.amountInvolved.toLocaleString('zh-CN')}元` : '';
      const l = await repo.insertLetter(tx, {
        orderId: order.id,
        kind: input.kind,
        issuingUnitId: actor.unitId,
        issuingUnitName: issuing,
        // Named: legalRefusal refuses an order without an employer.
        employerName: order.employerName!,
        facts: `${localDateOf(order.createdAt).replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}，我会通过12351职工服务热线（工单${order.number}）接到${workers}反映：${order.title}${amount}。经了解，你单位存在上述问题，损害了职工的合法权益。`,
        legalBasis: defaultBasis(order.subjectCode),
        demands: defaultDemands[order.subjectCode] ?? '依法纠正上述行为，维护职工合法权益；',
        replyBy: addDaysToDate(localDateOf(now), input.kind === 'notice' ? 15 : 10),
        state: 'draft',
        draftedBy: actor.userId,
        draftedAt: now,
      });
      await recordOrderFact(tx, {
        orderId: order.id,
        state: order.state,
        at: now,
        action: 'letter_drafted',
        actor,
        unitName: issuing,
        data: { letterId: l.id, kind: input.kind },
      });
      return l.id;
    });
    return letterView(actor, id);
  }

  async function updateLetter(
    actor: Actor,
    id: string,
    input: {
      version: number;
      employerName?: string | undefined;
      facts?: string | undefined;
      legalBasis?: Citation[] | undefined;
      demands?: string | undefined;
      replyBy?: string | undefined;
    },
  ) {
    requireRole(actor, ...drafting);
    await visibleLetter(actor, id);
    await db.transaction(async (tx) => {
      const l = (await repo.lockLetter(tx, id))!;
      if (l.version !== input.version) throw staleVersion('监督函');
      if (l.state !== 'draft') throw conflict('LETTER_NOT_DRAFT', '已审批的监督函不能修改');
      if (l.issuingUnitId !== actor.unitId) throw forbidden('LETTER_OTHER_UNIT', '只能修改本单位起草的监督函');
      if (input.replyBy && input.replyBy < localDateOf(clock.now()))
        throw invalid('LETTER_REPLY_BY_PAST', '反馈期限不能早于今天', [{ field: 'replyBy', message: '反馈期限不能早于今天' }]);
      const { version: _v, ...patch } = input;
      await repo.updateLetter(tx, id, { ...patch, version: l.version + 1 });
    });
    return letterView(actor, id);
  }

  /** A leader whose reach covers the issuing union approves; the letter gets its number in the same transaction. */
  async function approveLetter(actor: Actor, id: string, input: { version: number }) {
    requireRole(actor, 'leader');
    const now = clock.now();
    await visibleLetter(actor, id);
    await db.transaction(async (tx) => {
      const l = (await repo.lockLetter(tx, id))!;
      if (l.version !== input.version) throw staleVersion('监督函');
      if (l.state !== 'draft') throw conflict('LETTER_NOT_DRAFT', '监督函已审批');
      const issuing = (await unitsById(tx, [l.issuingUnitId])).get(l.issuingUnitId);
      if (!issuing || !pathInScope(actor, issuing.path)) throw forbidden('LETTER_NOT_YOUR_UNIT', '只能审批本单位或下级单位的监督函');
      if (l.draftedBy === actor.userId) throw forbidden('LETTER_SELF_APPROVAL', '起草人不能审批自己起草的监督函');
      const year = Number(localDateOf(now).slice(0, 4));
      const seq = await repo.nextLetterSeq(tx, l.issuingUnitId, l.kind, year);
      const number = letterNumber(l.issuingUnitName, l.kind as LetterKind, year, seq);
      await repo.updateLetter(tx, id, {
        state: 'approved',
        year,
        seq,
        number,
        approvedBy: actor.userId,
        approvedByName: actor.displayName,
        approvedAt: now,
        version: l.version + 1,
      });
      const order = (await findVisibleOrder(tx, actor, l.orderId))!;
      await recordOrderFact(tx, {
        orderId: l.orderId,
        state: order.state,
        at: now,
        action: 'letter_approved',
        actor,
        unitName: await unitName(tx, actor.unitId),
        data: { letterId: id, number },
      });
    });
    return letterView(actor, id);
  }

  async function advanceLetter(
    actor: Actor,
    id: string,
    version: number,
    step: { from: string; to: string; action: OrderFactKind; patch: Partial<repo.LetterRow>; note?: string | null },
  ) {
    requireRole(actor, ...drafting);
    const now = clock.now();
    await visibleLetter(actor, id);
    await db.transaction(async (tx) => {
      const l = (await repo.lockLetter(tx, id))!;
      if (l.version !== version) throw staleVersion('监督函');
      if (l.state !== step.from) throw conflict('LETTER_WRONG_STATE', `监督函当前状态（${stateNames[l.state] ?? l.state}）不能执行此操作`);
      if (l.issuingUnitId !== actor.unitId) throw forbidden('LETTER_OTHER_UNIT', '只有发函单位可以登记');
      await repo.updateLetter(tx, id, { ...step.patch, state: step.to, version: l.version + 1 });
      const order = (await findVisibleOrder(tx, actor, l.orderId))!;
      await recordOrderFact(tx, {
        orderId: l.orderId,
        state: order.state,
        at: now,
        action: step.action,
        actor,
        unitName: await unitName(tx, actor.unitId),
        data: { letterId: id, number: l.number },
        note: step.note ?? null,
      });
    });
    return letterView(actor, id);
  }

  const sendLetter = (actor: Actor, id: string, input: { version: number; via: string }) =>
    advanceLetter(actor, id, input.version, {
      from: 'approved',
      to: 'sent',
      action: 'letter_sent',
      patch: { sentAt: clock.now(), sentVia: input.via },
      note: `送达方式：${input.via}`,
    });
  const recordResponse = (actor: Actor, id: string, input: { version: number; response: string }) =>
    advanceLetter(actor, id, input.version, {
      from: 'sent',
      to: 'responded',
      action: 'letter_responded',
      patch: { response: input.response, respondedAt: clock.now() },
      note: input.response,
    });
  const recordVisit = (actor: Actor, id: string, input: { version: number; visitAt: string; result: string }) =>
    advanceLetter(actor, id, input.version, {
      from: 'responded',
      to: 'closed',
      action: 'letter_followed_up',
      patch: { visitAt: new Date(input.visitAt), visitResult: input.result, closedAt: clock.now() },
      note: input.result,
    });

  async function listLetters(actor: Actor, q: { orderId?: string | undefined }) {
    if (q.orderId) {
      await visibleOrder(db, actor, q.orderId);
      const rows = await repo.lettersWhere(db, sql`${repo.letterCols.orderId} = ${q.orderId}`);
      return { items: await Promise.all(rows.map((r) => present(r))) };
    }
    // Without an order: the letters of unions in the actor's reach.
    const rows = await repo.lettersWhere(db, sql`${repo.letterCols.issuingUnitId} in ${unitIdsInScope(actor)}`);
    return { items: await Promise.all(rows.map((r) => present(r))) };
  }

  async function letterView(actor: Actor, id: string) {
    return present(await visibleLetter(actor, id));
  }

  async function present(l: repo.LetterRow) {
    const names = await userNames(db, [l.draftedBy]);
    return {
      id: l.id,
      version: l.version,
      orderId: l.orderId,
      kind: l.kind as LetterKind,
      kindName: letterKindNames[l.kind as LetterKind].title,
      number: l.number,
      state: l.state as 'draft' | 'approved' | 'sent' | 'responded' | 'closed',
      issuingUnit: { id: l.issuingUnitId, name: l.issuingUnitName },
      employerName: l.employerName,
      facts: l.facts,
      legalBasis: l.legalBasis,
      demands: l.demands,
      replyBy: l.replyBy,
      draftedBy: { id: l.draftedBy, name: names.get(l.draftedBy) ?? '' },
      draftedAt: l.draftedAt.toISOString(),
      approvedByName: l.approvedByName,
      approvedAt: l.approvedAt?.toISOString() ?? null,
      sentAt: l.sentAt?.toISOString() ?? null,
      sentVia: l.sentVia,
      response: l.response,
      respondedAt: l.respondedAt?.toISOString() ?? null,
      visitAt: l.visitAt?.toISOString() ?? null,
      visitResult: l.visitResult,
      closedAt: l.closedAt?.toISOString() ?? null,
    };
  }

  async function downloadLetter(actor: Actor, id: string) {
    const l = await visibleLetter(actor, id);
    // Loaded on first use: docx is a few MB of memory every process would otherwise carry (issue 18, RSS).
    const { letterDocx } = await import('./letter-document.js');
    const bytes = await letterDocx({
      kind: l.kind as LetterKind,
      number: l.number,
      issuingUnitName: l.issuingUnitName,
      employerName: l.employerName,
      facts: l.facts,
      legalBasis: l.legalBasis,
      demands: l.demands,
      replyBy: l.replyBy,
      date: l.approvedAt ? localDateOf(l.approvedAt) : null,
    });
    const kind = letterKindNames[l.kind as LetterKind].zh;
    return { bytes, fileName: `${l.number ?? '草稿'}-${kind}-${l.employerName}.docx` };
  }

  // ── The risk-employer register ──────────────────────────────────────────────────────────────────────────────
  /**
   * Re-evaluates every employer named in the window: employers that now meet a reason enter (and their
   * territorial union is told once, in the same transaction); employers that no longer do leave the register.
   * Run by the scheduler and on demand; the result is the same however often it runs.
   */
  async function evaluateRegister(within?: { tx: Tx; now: Date }): Promise<{ evaluated: number; inRegister: number; entered: number; left: number }> {
    if (!within) return db.transaction((tx) => evaluateRegister({ tx, now: clock.now() }));
    const { tx, now } = within;
    const t = await thresholds();
    const window = { after: new Date(now.getTime() - t.windowDays * 86_400_000), until: now };
    const windows = await employerWindows(tx, window);
    const assessed = windows.map((w) => ({ key: w.employerKey, a: assessEmployer(w, t) })).filter((e) => e.a.inRegister);
    const stay = new Set(assessed.map((e) => e.key));
    const existing = await repo.registerByKeys(tx, [...stay]);
    const ofRecord = await employersOfRecord(tx, [...stay], window);
    const rows: repo.RiskEmployerInsert[] = [];
    const notices: UnitNotice[] = [];
    for (const { key, a } of assessed) {
      const employer = ofRecord.get(key)!;
      const name = employer.employerName ?? key;
      const prev = existing.get(key);
      const isNew = !prev || prev.leftAt !== null;
      rows.push({
        employerKey: key,
        employerName: name,
        creditCode: employer.creditCode,
        level: a.level!,
        reasons: a.reasons,
        ordersInWindow: a.ordersInWindow,
        amountTotal: a.amountTotal,
        workersMax: a.workersMax,
        territorialUnitId: employer.territorialUnitId,
        territorialUnitPath: employer.territorialUnitPath,
        enteredAt: isNew ? now : prev.enteredAt,
        evaluatedAt: now,
        leftAt: null,
        notifiedAt: isNew ? now : prev.notifiedAt,
      });
      if (isNew)
        notices.push({
          unitId: employer.territorialUnitId,
          kind: 'risk_employer',
          title: `风险用人单位：${name}`,
          body: `${name}已列入风险用人单位名录（${a.reasons.map((r) => r.text).join('；')}），请安排法律监督走访。`,
          link: `/legal/risk-employers?key=${encodeURIComponent(key)}`,
        });
    }
    await repo.upsertRegister(tx, rows);
    const left = (await repo.activeRegisterKeys(tx)).filter((k) => !stay.has(k));
    await repo.markLeft(tx, left, now);
    if (notices.length) await deps.notify(tx, notices, now);
    return { evaluated: windows.length, inRegister: stay.size, entered: notices.length, left: left.length };
  }

  /**
   * The register of the reader's territory, a page at a time in its order (high, medium, low, then more orders in the
   * window first, then the key; legal.repo.ts registerPage), with how many there are: the register in force counted
   * exactly, per level whatever level is asked for (the page's level filter shows them; the register is bounded by
   * the evaluation window), with the employers that left as well counted up to the list cap (they accumulate for
   * good). Every page: the rows, the count, the visits, the units' names, the histories — five statements however
   * long the page.
   */
  async function listRegister(
    actor: Actor,
    q: {
      level?: RiskLevel | undefined;
      includeLeft?: boolean | undefined;
      key?: string | undefined;
      limit?: number | undefined;
      cursor?: string | undefined;
    },
  ) {
    requireRole(actor, ...registerReaders);
    const after = q.cursor ? decodeRegisterCursor(q.cursor) : null;
    const limit = q.limit ?? 50;
    const c = repo.registerCols;
    const where = and(
      withinScope(actor, c.territorialUnitPath),
      q.includeLeft ? undefined : isNull(c.leftAt),
      q.key === undefined ? undefined : eq(c.employerKey, q.key),
    );
    const ofLevel = q.level ? repo.registerLevelIs(q.level) : undefined;
    const [rows, counted] = await Promise.all([
      repo.registerPage(db, and(where, ofLevel), { after, limit: limit + 1 }),
      q.includeLeft ? countUpTo(db, c, and(where, ofLevel), countCap) : repo.registerCounts(db, where),
    ]);
    const shown = rows.slice(0, limit);
    const keys = shown.map((r) => r.employerKey);
    const [visits, unitNames, histories] = await Promise.all([
      repo.visitsOf(db, keys),
      unitsById(db, shown.map((r) => r.territorialUnitId!).filter(Boolean)),
      // The history lists only orders the reader may see: out of scope means nothing about it is shown.
      recentOrdersOfEmployers(db, actor.role === 'integration' ? [] : keys, { limit: 20, visibleTo: scopeUnitIdOf(actor) }),
    ]);
    const visitsByKey = new Map<string, repo.VisitRow[]>();
    for (const v of visits) (visitsByKey.get(v.employerKey) ?? visitsByKey.set(v.employerKey, []).get(v.employerKey)!).push(v);
    const items = shown.map((r) => {
      const history = histories.get(r.employerKey) ?? [];
      return {
        employerKey: r.employerKey,
        employerName: r.employerName,
        creditCode: r.creditCode,
        level: r.level as RiskLevel,
        reasons: r.reasons,
        ordersInWindow: r.ordersInWindow,
        amountTotal: r.amountTotal,
        workersMax: r.workersMax,
        territorialUnit: r.territorialUnitId ? { id: r.territorialUnitId, name: unitNames.get(r.territorialUnitId)?.name ?? '' } : null,
        enteredAt: r.enteredAt.toISOString(),
        evaluatedAt: r.evaluatedAt.toISOString(),
        leftAt: r.leftAt?.toISOString() ?? null,
        orders: history.map((o) => ({
          id: o.id,
          number: o.number,
          title: o.title,
          state: o.state,
          createdAt: o.createdAt.toISOString(),
          amountInvolved: o.amountInvolved,
          workersInvolved: o.workersInvolved,
        })),
        visits: (visitsByKey.get(r.employerKey) ?? []).map((v) => ({
          id: v.id,
          plannedFor: v.plannedFor,
          purpose: v.purpose,
          visitedAt: v.visitedAt?.toISOString() ?? null,
          result: v.result,
        })),
      };
    });
    const last = shown[shown.length - 1];
    const nextCursor = rows.length > limit && last ? encodeRegisterCursor({ rank: last.rank, orders: last.ordersInWindow, key: last.employerKey }) : null;
    if ('capped' in counted) return { items, nextCursor, total: counted.total, totalCapped: counted.capped, countsByLevel: null };
    const countsByLevel = { high: 0, medium: 0, low: 0 };
    for (const x of counted) if (x.level in countsByLevel) countsByLevel[x.level as RiskLevel] = x.n;
    const total = q.level ? countsByLevel[q.level] : countsByLevel.high + countsByLevel.medium + countsByLevel.low;
    return { items, nextCursor, total, totalCapped: false, countsByLevel };
  }

  /** A visit is planned for an employer of the reader's territory; the answer is that employer's entry. */
  async function planVisit(actor: Actor, input: { employerKey: string; plannedFor: string; purpose: string }) {
    requireRole(actor, 'handler', 'dispatcher', 'leader', 'supervisor', 'lawyer');
    const entry = await repo.registerEntry(db, input.employerKey, withinScope(actor, repo.registerCols.territorialUnitPath));
    if (!entry) throw notFound('RISK_EMPLOYER_NOT_FOUND', '风险用人单位不存在或不在本单位辖区');
    await repo.insertVisit(db, {
      employerKey: input.employerKey,
      unitId: actor.unitId,
      plannedFor: input.plannedFor,
      purpose: input.purpose,
      plannedBy: actor.userId,
      createdAt: clock.now(),
    });
    return listRegister(actor, { includeLeft: true, key: input.employerKey });
  }

  async function recordVisitResult(actor: Actor, id: string, input: { visitedAt: string; result: string }) {
    requireRole(actor, 'handler', 'dispatcher', 'leader', 'supervisor', 'lawyer');
    const employerKey = await db.transaction(async (tx) => {
      const v = await repo.lockVisit(tx, id);
      const units = v ? await unitsById(tx, [v.unitId]) : new Map();
      if (!v || !pathInScope(actor, units.get(v.unitId)?.path ?? '')) throw notFound('RISK_VISIT_NOT_FOUND', '走访计划不存在');
      if (v.visitedAt) throw conflict('RISK_VISIT_DONE', '该走访已登记结果');
      await repo.updateVisit(tx, id, { visitedAt: new Date(input.visitedAt), result: input.result });
      return v.employerKey;
    });
    return listRegister(actor, { includeLeft: true, key: employerKey });
  }

  // ── "12351 + petitions": referral of a hard case ───────────────────────────────────────────────────────────
  async function refer(actor: Actor, orderId: string, input: { channel: 'petition' | 'legal_aid'; reason: string }) {
    requireRole(actor, ...legalRoles.refer);
    const now = clock.now();
    await db.transaction(async (tx) => {
      const order = await visibleOrder(tx, actor, orderId);
      const refused = legalRefusal('refer', order);
      if (refused) throw refused;
      const r = await repo.insertReferral(tx, {
        orderId,
        channel: input.channel,
        reason: input.reason,
        referredBy: actor.userId,
        referredByUnitId: actor.unitId,
        referredAt: now,
      });
      await recordOrderFact(tx, {
        orderId,
        state: order.state,
        at: now,
        action: 'referred',
        actor,
        unitName: await unitName(tx, actor.unitId),
        data: { referralId: r.id, channel: input.channel },
        note: input.reason,
      });
    });
    return referrals(actor, orderId);
  }

  async function recordReferralResult(actor: Actor, id: string, input: { result: string }) {
    // Whoever may refer records what came of it, on a closed order too (legal-actions.ts: work begun goes on).
    requireRole(actor, ...legalWorkRoles.record_referral_result);
    const now = clock.now();
    const orderId = await db.transaction(async (tx) => {
      const r = await repo.lockReferral(tx, id);
      const order = r ? await findVisibleOrder(tx, actor, r.orderId) : undefined;
      if (!r || !order) throw notFound('REFERRAL_NOT_FOUND', '转介记录不存在或无权查看');
      if (r.result) throw conflict('REFERRAL_DONE', '该转介已登记结果');
      await repo.updateReferral(tx, id, { result: input.result, resultAt: now });
      await recordOrderFact(tx, {
        orderId: r.orderId,
        state: order.state,
        at: now,
        action: 'referral_result',
        actor,
        unitName: await unitName(tx, actor.unitId),
        data: { referralId: id, channel: r.channel },
        note: input.result,
      });
      return r.orderId;
    });
    return referrals(actor, orderId);
  }

  async function referrals(actor: Actor, orderId: string) {
    await visibleOrder(db, actor, orderId);
    const rows = await repo.referralsOf(db, orderId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        channel: r.channel as 'petition' | 'legal_aid',
        reason: r.reason,
        referredAt: r.referredAt.toISOString(),
        result: r.result,
        resultAt: r.resultAt?.toISOString() ?? null,
      })),
    };
  }

  return {
    createLetter,
    updateLetter,
    approveLetter,
    sendLetter,
    recordResponse,
    recordVisit,
    listLetters,
    getLetter: letterView,
    downloadLetter,
    evaluateRegister,
    listRegister,
    planVisit,
    recordVisitResult,
    refer,
    recordReferralResult,
    referrals,
  };
}

const stateNames: Record<string, string> = { draft: '草稿', approved: '已审批', sent: '已送达', responded: '已反馈', closed: '已办结' };

export type LegalService = ReturnType<typeof createLegalService>;
