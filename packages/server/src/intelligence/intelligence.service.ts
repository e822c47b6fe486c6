import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { suggestTerritorialUnit } from '../dispatch/domain/territorial-routing.js';
import { noticeJob } from '../notifications/domain/notice.js';
import { readThresholds } from '../catalog/catalog.repo.js';
import { normaliseEmployerName } from '../orders/domain/employer.js';
import { dailyRequestCounts, dailySubjectCounts, findVisibleOrder, recentVisibleOrders } from '../orders/orders.repo.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config/config.js';
import type { Db } from '../platform/db/client.js';
import { notFound } from '../platform/errors/app-error.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import { queryWords, segment } from '../platform/text/segment.js';
import { activeUnitsOfType, unitsWithDivisionCodes } from '../units/units.repo.js';
import { holtForecast } from './domain/forecast.js';
import { createReader } from './domain/read-request.js';
import { similarTo } from './domain/similarity.js';
import { defaultSurgeRule, detectSurges, type Surge } from './domain/surge.js';
import { nationalGazetteer } from './gazetteer-data.js';
import { insertSurge, lastSurgeDay, outcomeCounts, recordedSurges, upsertOutcomes } from './intelligence.repo.js';
import { shippedModel } from './model/load-model.js';
import { listSubjects } from '../catalog/catalog.repo.js';

const dayMs = 86_400_000;
/** China keeps no daylight saving: the local date is UTC + 8 h. */
export const localDate = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The fields whose suggestion the intake console records as accepted or changed. */
export const outcomeFields = ['type', 'subject', 'riskFlags', 'workers', 'amountYuan', 'employer', 'place'] as const;
export type SuggestedValues = Partial<{
  type: string;
  subject: string;
  riskFlags: string[];
  workers: number | null;
  amountYuan: number | null;
  employer: string | null;
  place: string | null;
}>;

export function createIntelligenceService(deps: { db: Db; clock: Clock; config: Config }) {
  const { db, clock, config } = deps;
  const gazetteer = nationalGazetteer();
  const model = shippedModel();
  const read = createReader({ model, gazetteer, segment });
  // The words of recent narratives, kept by order id: a narrative never changes once saved.
  const wordCache = new Map<string, Set<string>>();
  const wordsOf = (id: string, text: string) => {
    let w = wordCache.get(id);
    if (!w) {
      w = new Set(queryWords(text));
      if (wordCache.size > 5000) wordCache.delete(wordCache.keys().next().value!);
      wordCache.set(id, w);
    }
    return w;
  };

  /** Reads a narrative and adds what only the database knows: the union of the place, related recent requests. */
  async function analyze(actor: Actor, input: { text: string; channel?: string | undefined; region?: string | undefined }) {
    requireRole(actor, 'agent', 'dispatcher', 'supervisor', 'integration');
    const thresholds = await readThresholds(db);
    const reading = read(input, { thresholds, preferProvince: config.province, region: input.region });
    const code = reading.place?.divisionCode ?? null;
    const candidates = code ? await unitsWithDivisionCodes(db, [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])]) : [];
    const unit = suggestTerritorialUnit(code, candidates);
    const related = await relatedRequests(actor, input.text, reading.employer, code);
    const riskFlags = [...reading.riskFlags];
    const evidence = { ...reading.evidence, riskFlags: { ...reading.evidence.riskFlags } };
    // 多: the same employer's requests within the window count as a repeat even when the caller does not say so.
    // What made it one is data (repeatBasis) the panel says in its reader's language; the evidence keeps the Chinese
    // sentence for the API's other readers.
    let repeatBasis: { days: number; count: number } | null = null;
    if (related.sameEmployer.length && !riskFlags.includes('repeat') && related.sameEmployer.length + 1 >= thresholds.repeatCount) {
      riskFlags.push('repeat');
      repeatBasis = { days: thresholds.repeatWindowDays, count: related.sameEmployer.length };
      evidence.riskFlags.repeat = [`${repeatBasis.days}天内同一用人单位已有 ${repeatBasis.count} 件`];
    }
    return {
      ...reading,
      riskFlags,
      repeatBasis,
      evidence,
      suggestedUnitId: unit?.id ?? null,
      suggestedUnit: unit ? { id: unit.id, name: unit.name, type: unit.type } : null,
      related,
    };
  }

  /**
   * A request that came in without an agent (the worker's own page, a WeChat service group): read the same way, no
   * person to check roles of and no related requests shown (nobody is looking). The agent who checks it sees them.
   */
  async function readUnattended(text: string, channel: string) {
    const thresholds = await readThresholds(db);
    return read({ text, channel }, { thresholds, preferProvince: config.province });
  }

  /**
   * Groups and duplicates: the visible requests of the last 30 days about the same employer (normalised name), or
   * at the same place and told in much the same words; two or more of those make a suggested group order.
   */
  async function relatedRequests(actor: Actor, text: string, employer: string | null, divisionCode: string | null) {
    const since = new Date(clock.now().getTime() - 30 * dayMs);
    const recent = await recentVisibleOrders(db, actor, since, 500);
    const key = normaliseEmployerName(employer);
    const brief = (o: (typeof recent)[number], similarity?: number) => ({
      id: o.id,
      number: o.number,
      title: o.title,
      state: o.state,
      createdAt: o.createdAt.toISOString(),
      isGroup: o.isGroup,
      callerCount: o.callerCount,
      ...(similarity !== undefined ? { similarity } : {}),
    });
    const sameEmployer = key ? recent.filter((o) => o.employerKey === key) : [];
    const words = new Set(queryWords(text));
    const similar = similarTo(
      words,
      recent.map((o) => ({ id: o.id, words: wordsOf(o.id, `${o.title} ${o.narrative}`) })),
    );
    const byId = new Map(recent.map((o) => [o.id, o]));
    // Same worksite: the same county (or town) and clearly the same words.
    const sameWorksite = divisionCode ? similar.filter((s) => byId.get(s.id)!.divisionCode?.startsWith(divisionCode.slice(0, 6)) && s.similarity >= 0.3) : [];
    const cluster = [...new Map([...sameEmployer.map((o) => [o.id, o] as const), ...similar.map((s) => [s.id, byId.get(s.id)!] as const)]).values()];
    const open = cluster.filter((o) => !['archived', 'closed'].includes(o.state));
    // The group order is the one already a group, else the earliest open one of the cluster.
    const anchor = open.find((o) => o.isGroup) ?? [...open].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    return {
      sameEmployer: sameEmployer.slice(0, 10).map((o) => brief(o)),
      sameWorksite: sameWorksite.slice(0, 10).map((s) => brief(byId.get(s.id)!, s.similarity)),
      similar: similar.slice(0, 10).map((s) => brief(byId.get(s.id)!, s.similarity)),
      suggestedGroup:
        anchor && cluster.length >= 2
          ? {
              orderId: anchor.id,
              number: anchor.number,
              size: cluster.length + 1,
              reason: `近30天内 ${cluster.length} 件相关诉求（同一用人单位或内容相近），建议并入群体工单`,
            }
          : null,
    };
  }

  /** What the agent kept and changed of the suggestions on a saved order: one row per suggested field. */
  async function recordOutcome(actor: Actor, input: { orderId: string; modelVersion: string; suggested: SuggestedValues }) {
    requireRole(actor, 'agent', 'dispatcher');
    const order = await findVisibleOrder(db, actor, input.orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    const final: SuggestedValues = {
      type: order.typeCode,
      subject: order.subjectCode,
      riskFlags: [...order.riskFlags].sort(),
      workers: order.workersInvolved ?? null,
      amountYuan: order.amountInvolved ?? null,
      employer: order.employerName ?? null,
      place: order.divisionCode ?? null,
    };
    const now = clock.now();
    const rows = outcomeFields
      .filter((f) => input.suggested[f] !== undefined)
      .map((f) => {
        const suggested = f === 'riskFlags' ? [...(input.suggested.riskFlags ?? [])].sort() : input.suggested[f];
        return {
          orderId: order.id,
          modelVersion: input.modelVersion,
          field: f,
          suggested: suggested ?? null,
          final: final[f] ?? null,
          accepted: JSON.stringify(suggested ?? null) === JSON.stringify(final[f] ?? null),
          recordedBy: actor.userId,
          recordedAt: now,
        };
      });
    await upsertOutcomes(db, rows);
    return { orderId: order.id, fields: rows.map((r) => ({ field: r.field, accepted: r.accepted })) };
  }

  /** Accuracy in real use: per field, how many suggestions the agents accepted as they were. */
  async function accuracy(actor: Actor, q: { days: number }) {
    requireRole(actor, 'supervisor', 'inspector', 'leader', 'administrator');
    const since = new Date(clock.now().getTime() - q.days * dayMs);
    const rows = await outcomeCounts(db, since);
    const fields = outcomeFields.map((field) => {
      const of = rows.filter((r) => r.field === field);
      const total = of.reduce((s, r) => s + r.total, 0);
      const accepted = of.reduce((s, r) => s + r.accepted, 0);
      return { field, total, accepted, changed: total - accepted, acceptedRate: total ? Math.round((accepted / total) * 1000) / 1000 : null };
    });
    return { since: since.toISOString(), modelVersion: model.version, fields, byModelVersion: rows };
  }

  const cityName = (code: string) => {
    const r = gazetteer.byCode.get(code);
    return r ? r.name : code;
  };
  const surgeView = (s: Surge) => ({ ...s, cityName: cityName(s.cityCode) });

  /** Today's and this week's surges in the actor's reach, and the surges recorded in the last 30 days. */
  async function listSurges(actor: Actor) {
    requireRole(actor, 'supervisor', 'leader', 'dispatcher', 'inspector', 'administrator');
    const now = clock.now();
    const today = localDate(now);
    const counts = await dailyRequestCounts(db, actor, new Date(now.getTime() - (defaultSurgeRule.baselineWeeks * 7 + 8) * dayMs));
    const recorded = await recordedSurges(db, localDate(new Date(now.getTime() - 30 * dayMs)));
    return {
      today,
      rule: defaultSurgeRule,
      current: detectSurges(counts, today).map(surgeView),
      recorded: recorded.map((r) => ({ ...r, cityName: cityName(r.cityCode), detectedAt: r.detectedAt.toISOString() })),
    };
  }

  /**
   * The scan the job runner calls: records each surge that starts (none of the same subject × city × window in the
   * previous 7 days) and puts a notice to the hotline centres' supervisors in the outbox, in the same transaction.
   */
  async function scanSurges(now: Date) {
    const today = localDate(now);
    const counts = await dailyRequestCounts(db, null, new Date(now.getTime() - (defaultSurgeRule.baselineWeeks * 7 + 8) * dayMs));
    const found = detectSurges(counts, today);
    const centres = await activeUnitsOfType(db, 'hotline_centre');
    // The notice names the subject as the catalog does (社会保险), not by its code: it is read, and sent as an SMS.
    const subjectNames = found.length ? new Map((await listSubjects(db)).map((x) => [x.code, x.nameZh])) : new Map<string, string>();
    let started = 0;
    for (const s of found) {
      const last = await lastSurgeDay(db, s);
      if (last && Date.parse(today) - Date.parse(last) <= 7 * dayMs) continue;
      await db.transaction(async (tx) => {
        const inserted = await insertSurge(tx, { ...s, day: today, noticeQueued: centres.length > 0, detectedAt: now });
        if (!inserted || !centres.length) return;
        started++;
        const title = `诉求激增：${cityName(s.cityCode)} ${subjectNames.get(s.subjectCode) ?? s.subjectCode} ${s.window === 'day' ? '今日' : '本周'} ${s.observed} 件（常态约 ${s.expected} 件）`;
        await outbox.enqueue(
          tx,
          noticeJob(
            {
              kind: 'intelligence.surge',
              to: centres.map((c) => ({ unitId: c.id, roles: ['supervisor', 'leader'] as const })),
              title,
              level: 'warning',
              key: `surge:${s.subjectCode}:${s.cityCode}:${s.window}:${today}`,
              data: { ...s, day: today },
            },
            now,
          ),
          now,
        );
      });
    }
    return { found: found.length, started };
  }

  /** Weekly counts per subject over the last 26 weeks and the coming weeks' forecast, in the actor's reach. */
  async function forecast(actor: Actor, q: { weeks: number }) {
    requireRole(actor, 'supervisor', 'leader', 'dispatcher', 'inspector', 'administrator');
    const now = clock.now();
    const history = 26;
    const today = Date.parse(localDate(now));
    const rows = await dailySubjectCounts(db, actor, new Date(now.getTime() - (history * 7 + 1) * dayMs));
    const bySubject = new Map<string, number[]>();
    const weekOf = (day: string) => history - 1 - Math.floor(Math.floor((today - Date.parse(day)) / dayMs) / 7);
    for (const r of rows) {
      const week = weekOf(r.day);
      if (week < 0 || week >= history) continue;
      const list = bySubject.get(r.subjectCode) ?? Array.from({ length: history }, () => 0);
      list[week]! += r.count;
      bySubject.set(r.subjectCode, list);
    }
    // Weeks before the first request on record are unknown, not quiet: a young installation's empty months would
    // otherwise read as a steep rise. The history starts at the first week with any request (in the actor's reach).
    const first = Math.max(0, Math.min(history - 1, ...rows.map((r) => weekOf(r.day))));
    return {
      weekEnding: localDate(now),
      subjects: [...bySubject].map(([subjectCode, weeks]) => ({
        subjectCode,
        history: weeks.slice(first),
        forecast: holtForecast(weeks.slice(first), q.weeks),
      })),
    };
  }

  return { analyze, readUnattended, recordOutcome, accuracy, listSurges, scanSurges, forecast, modelVersion: model.version };
}

export type IntelligenceService = ReturnType<typeof createIntelligenceService>;
