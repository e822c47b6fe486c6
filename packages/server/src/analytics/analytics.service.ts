import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { callFiguresBetween } from '../calls/call-facts.js';
import { countConsultations } from '../legal/lawyer-seats.repo.js';
import { addDaysToDate, instantAt, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { listSubjects, listTypes } from '../catalog/catalog.repo.js';
import { scopeUnitIdOf } from '../access/scope.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { invalid, notFound } from '../platform/errors/app-error.js';
import { findUnitsByIds, findVisibleUnit } from '../units/units.repo.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';
import { callReachOf, reachFilter, type CallReach } from '../calls/call-reach.js';
import * as repo from './analytics.repo.js';
import { openStates } from '../orders/domain/states.js';
import { sumMetricsByChild, sumMetricsByDay, sumMetricsOver } from './figure-sums.js';
import { createLiveFigures } from './live-figures.js';
import { refreshMarked } from './figures-refresh.js';
import { sharedPass } from '../platform/concurrency/shared-pass.js';
import {
  bucketOf,
  changePercent,
  comparisonPeriods,
  dayNumber,
  emptySums,
  kpiFigures,
  rankUnits,
  rankingMeasures,
  type Granularity,
  type RankingMeasure,
  type Sums,
} from './domain/kpis.js';

/** Who may read the figures: the people who steer (roles.md), each within their subtree. */
export const figureRoles = ['leader', 'supervisor', 'dispatcher', 'inspector', 'administrator'] as const;

export type Period = { from: string; to: string };
export type FigureQuery = Period & { unitId?: string | undefined; typeCode?: string | undefined; subjectCode?: string | undefined };

export type AnalyticsDeps = {
  db: Db;
  clock: Clock;
  calendar: { current(): Promise<WorkingCalendar> };
  /** Announces committed order changes (the change bus), when there is one: the cockpit then refreshes at once. */
  onOrderChanged?: ((listener: () => void) => () => void) | undefined;
  /** Announces committed call events (the change bus): the live call figures move at once. */
  onCallsChanged?: ((listener: () => void) => () => void) | undefined;
  /** How often the live figures look for changes without an announcement (another instance, a bulk import). */
  pollMs?: number;
  /** The cached unit directory: which calls a unit's figures hold (calls/call-reach.ts). */
  units: UnitDirectoryCache;
};

const maxPeriodDays = 3700;
function checkPeriod(p: Period): void {
  if (p.from > p.to)
    throw invalid('ANALYTICS_PERIOD_INVALID', '开始日期不能晚于结束日期', [{ field: 'querystring.from', message: '开始日期不能晚于结束日期' }]);
  if (dayNumber(p.to) - dayNumber(p.from) > maxPeriodDays) {
    throw invalid('ANALYTICS_PERIOD_INVALID', '统计区间不能超过十年', [{ field: 'querystring.to', message: '统计区间不能超过十年' }]);
  }
}

export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db, clock } = deps;

  // ---- keeping the figures up to date ------------------------------------------------------------------------

  /**
   * Recomputes every marked order; one pass at a time per process, and whoever asks while a pass runs shares the one
   * pass that follows it (platform/concurrency/shared-pass.ts).
   */
  const refresh = sharedPass(async () => {
    const cal = await deps.calendar.current().catch(() => null);
    const total = await refreshMarked(db, cal);
    live.refreshed(total);
    return total;
  });

  // ---- scope ---------------------------------------------------------------------------------------------------

  /** The unit asked for (default: the actor's own scope unit); outside the actor's subtree it does not exist (404). */
  async function unitFor(actor: Actor, unitId: string | undefined) {
    requireRole(actor, ...figureRoles);
    const id = unitId ?? scopeUnitIdOf(actor);
    const unit = await findVisibleUnit(db, actor, id);
    if (!unit || !unit.path.startsWith(actor.scopePath)) throw notFound('UNIT_NOT_FOUND', '单位不存在或不在您的管辖范围内');
    return { id: unit.id, name: unit.name, path: unit.path, divisionCode: unit.divisionCode };
  }

  /** The sums of a subtree for each period (one scan for all of them: a period and the ones it is compared with). */
  async function sumsFor(unitPath: string, q: Omit<FigureQuery, keyof Period>, periods: readonly Period[]): Promise<Sums[]> {
    return sumMetricsOver(db, { unitPath, typeCode: q.typeCode, subjectCode: q.subjectCode }, periods);
  }

  // ---- the figures ---------------------------------------------------------------------------------------------

  /** The call figures of local dates [from, to] (calls/call-facts.ts computes them), null when no call was recorded. */
  const callFiguresIn = (p: Period, reach: CallReach & {}) =>
    callFiguresBetween(db, { from: instantAt(p.from, 0), to: instantAt(addDaysToDate(p.to, 1), 0), ...reachFilter(reach) });

  /** The calls a unit's figures hold (calls/call-reach.ts): all, its own centre's agents', or none (null). */
  const callReachOfUnit = async (unitPath: string) => callReachOf(db, await deps.units.current(), unitPath);

  /**
   * The call figures of a unit's scope for each period, nulls where the scope holds no hotline centre (reports). The
   * reach is read once for all the periods: a city's is a statement of its own.
   */
  async function callFiguresFor(unitPath: string, periods: Period[]) {
    const reach = await callReachOfUnit(unitPath);
    return Promise.all(periods.map((p) => (reach ? callFiguresIn(p, reach) : null)));
  }

  async function getKpis(actor: Actor, q: FigureQuery) {
    checkPeriod(q);
    const unit = await unitFor(actor, q.unitId);
    await refresh();
    const cmp = comparisonPeriods(q.from, q.to);
    const [now, previous, lastYear] = (await sumsFor(unit.path, q, [q, cmp.previous, cmp.lastYear])) as [Sums, Sums, Sums];
    // Calls are the hotline's: a scope that holds the hotline centre has them (and not by type or subject of order).
    const reach = !q.typeCode && !q.subjectCode ? await callReachOfUnit(unit.path) : null;
    const callsOf = (p: Period) => (reach ? callFiguresIn(p, reach) : null);
    const [callsNow, callsPrev, callsLy] = await Promise.all([callsOf(q), callsOf(cmp.previous), callsOf(cmp.lastYear)]);
    const figures = kpiFigures(now, callsNow);
    const prev = kpiFigures(previous, callsPrev);
    const ly = kpiFigures(lastYear, callsLy);
    const change = (a: typeof figures, b: typeof figures) =>
      Object.fromEntries(
        Object.entries(a).map(([k, v]) => [k, typeof v === 'number' ? changePercent(v, b[k as keyof typeof b] as number | null) : null]),
      ) as Record<string, number | null>;
    // Consultations answered on the spot are counted for the whole hotline only (they name no centre either).
    const consultations = reach && 'all' in reach ? await countConsultations(db, instantAt(q.from, 0), instantAt(addDaysToDate(q.to, 1), 0)) : null;
    return {
      unit: { id: unit.id, name: unit.name },
      period: { from: q.from, to: q.to },
      ...figures,
      legalConsultations: consultations,
      comparison: {
        previous: { ...cmp.previous, figures: prev, changePercent: change(figures, prev) },
        lastYear: { ...cmp.lastYear, figures: ly, changePercent: change(figures, ly) },
      },
      generatedAt: clock.now().toISOString(),
    };
  }

  /** The child units of a unit with their names, keyed by their path. */
  async function childrenNamed(paths: string[], self: { id: string; name: string; path: string }) {
    const ids = paths.filter((p) => p !== self.path).map((p) => p.split('/').filter(Boolean).pop()!);
    const rows = await findUnitsByIds(db, ids);
    const names = new Map(rows.map((r) => [r.path, { id: r.id, name: r.name }]));
    return (p: string) =>
      p === self.path ? { id: self.id, name: `${self.name}（本级）` } : (names.get(p) ?? { id: p.split('/').filter(Boolean).pop()!, name: '—' });
  }

  async function getOrderFlow(actor: Actor, q: { unitId?: string | undefined }) {
    const unit = await unitFor(actor, q.unitId);
    await refresh();
    const now = clock.now();
    const flow = await repo.orderFlow(db, unit.path, now);
    const named = await childrenNamed([...new Set([...flow.counts.map((r) => r.child), ...flow.overdue.keys()])], unit);
    const byChild = new Map<string, { unitId: string; unitName: string; total: number; overdue: number; byState: Record<string, number> }>();
    const totals: Record<string, number> = Object.fromEntries(openStates.map((s) => [s, 0]));
    const entry = (child: string) => {
      const n = named(child);
      const e = byChild.get(child) ?? { unitId: n.id, unitName: n.name, total: 0, overdue: 0, byState: {} };
      byChild.set(child, e);
      return e;
    };
    for (const r of flow.counts) {
      const e = entry(r.child);
      e.byState[r.state] = r.count;
      e.total += r.count;
      totals[r.state] = (totals[r.state] ?? 0) + r.count;
    }
    let overdue = 0;
    for (const [child, n] of flow.overdue) {
      entry(child).overdue = n;
      overdue += n;
    }
    return {
      unit: { id: unit.id, name: unit.name },
      at: now.toISOString(),
      totals,
      open: Object.values(totals).reduce((a, b) => a + b, 0),
      overdue,
      units: [...byChild.values()].sort((a, b) => b.total - a.total),
    };
  }

  async function getUnitRanking(actor: Actor, q: FigureQuery & { measure: RankingMeasure }) {
    checkPeriod(q);
    const unit = await unitFor(actor, q.unitId);
    await refresh();
    const byChild = await sumMetricsByChild(db, { from: q.from, to: q.to, unitPath: unit.path, typeCode: q.typeCode, subjectCode: q.subjectCode });
    const named = await childrenNamed([...byChild.keys()], unit);
    const ranked = rankUnits(
      [...byChild.entries()].map(([p, sums]) => ({ ...named(p), sums })),
      q.measure,
    );
    return {
      unit: { id: unit.id, name: unit.name },
      period: { from: q.from, to: q.to },
      measure: q.measure,
      measureName: rankingMeasures[q.measure].zh,
      units: ranked.map((r) => ({ unitId: r.id, unitName: r.name, rank: r.rank, value: r.value, figures: kpiFigures(r.sums) })),
    };
  }

  async function getTrend(actor: Actor, q: FigureQuery & { granularity: Granularity }) {
    checkPeriod(q);
    const unit = await unitFor(actor, q.unitId);
    await refresh();
    const byDay = await sumMetricsByDay(db, { from: q.from, to: q.to, unitPath: unit.path, typeCode: q.typeCode, subjectCode: q.subjectCode });
    const buckets = new Map<string, Sums>();
    for (let n = dayNumber(q.from); n <= dayNumber(q.to); n++) {
      const b = bucketOf(new Date(n * 86_400_000).toISOString().slice(0, 10), q.granularity);
      if (!buckets.has(b)) buckets.set(b, emptySums());
    }
    for (const [day, sums] of byDay) {
      const into = buckets.get(bucketOf(day, q.granularity))!;
      for (const k of Object.keys(sums) as (keyof Sums)[]) into[k] += sums[k];
    }
    return {
      unit: { id: unit.id, name: unit.name },
      granularity: q.granularity,
      points: [...buckets.entries()].map(([bucket, s]) => {
        const f = kpiFigures(s);
        return {
          bucket,
          requests: f.requests,
          ordersCreated: f.ordersCreated,
          ordersDispatched: f.ordersDispatched,
          completed: f.completed,
          dueInPeriod: f.dueInPeriod,
          onTimeRate: f.onTimeRate,
          satisfactionRate: f.satisfactionRate,
          extensionRate: f.extensionRate,
          amountRecoveredYuan: f.amountRecoveredYuan,
        };
      }),
    };
  }

  async function getHotTopics(actor: Actor, q: FigureQuery & { limit: number }) {
    checkPeriod(q);
    const unit = await unitFor(actor, q.unitId);
    await refresh();
    const f = { from: q.from, to: q.to, unitPath: unit.path };
    const [subjects, types, employers, reasons, cities, counties, subjectNames, typeNames] = await Promise.all([
      repo.countBy(db, f, 'subject', q.limit),
      repo.countBy(db, f, 'type', 50),
      repo.hotEmployers(db, f, q.limit),
      repo.extensionsByReason(db, f, q.limit),
      repo.countByDivision(db, f, 4),
      repo.countByDivision(db, f, 6),
      listSubjects(db),
      listTypes(db),
    ]);
    const sName = new Map(subjectNames.map((s) => [s.code, s.nameZh]));
    const tName = new Map(typeNames.map((s) => [s.code, s.nameZh]));
    return {
      unit: { id: unit.id, name: unit.name },
      period: { from: q.from, to: q.to },
      subjects: subjects.map((s) => ({ code: s.code, name: sName.get(s.code) ?? s.code, count: s.count })),
      types: types.map((s) => ({ code: s.code, name: tName.get(s.code) ?? s.code, count: s.count })),
      employers: employers.map((e) => ({ name: e.name, count: e.count })),
      extensionReasons: reasons,
      divisions: {
        cities: cities.map((c) => ({ code: `${c.code}00`, count: c.count })),
        counties: counties.map((c) => ({ code: c.code, count: c.count })),
      },
    };
  }

  async function getUrgentOrders(actor: Actor, q: { unitId?: string | undefined; limit: number }) {
    const unit = await unitFor(actor, q.unitId);
    await refresh();
    const rows = await repo.urgentOpenOrders(db, unit.path, q.limit);
    const units = new Map((await findUnitsByIds(db, [...new Set(rows.map((r) => r.unitId))])).map((u) => [u.id, u.name]));
    return rows.map((r) => ({
      ...r,
      unitName: units.get(r.unitId) ?? '',
      createdAt: r.createdAt.toISOString(),
      currentDueAt: r.currentDueAt?.toISOString() ?? null,
    }));
  }

  // ---- live (live-figures.ts) ---------------------------------------------------------------------------------

  const live = createLiveFigures({
    clock,
    refresh,
    onOrderChanged: deps.onOrderChanged,
    onCallsChanged: deps.onCallsChanged,
    pollMs: deps.pollMs,
  });

  /** For the stream: the unit must be readable by the actor before anything is sent. */
  async function checkStream(actor: Actor, unitId: string | undefined) {
    const unit = await unitFor(actor, unitId);
    return { ...unit, withCalls: (await callReachOfUnit(unit.path)) !== null };
  }

  const requireFigures = (actor: Actor) => requireRole(actor, ...figureRoles);
  return {
    requireFigures,
    refresh,
    unitFor,
    sumsFor,
    callFiguresFor,
    getKpis,
    getOrderFlow,
    getUnitRanking,
    getTrend,
    getHotTopics,
    getUrgentOrders,
    watch: live.watch,
    checkStream,
    listenerCount: live.listenerCount,
  };
}
export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
