import { recordAudit } from '../audit/audit.repo.js';
import { atProvinceRoot, scopeUnitIdOf } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import type { ChangeBus } from '../platform/bus/index.js';
import { createReferenceCache } from '../platform/cache/reference-cache.js';
import { retryDeadlockVictim } from '../orders/deadlock-retry.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { conflict, forbidden, invalid, staleVersion, unprocessable, type FieldError } from '../platform/errors/app-error.js';
import { english } from '../platform/i18n/english.js';
import {
  calendarCoverage,
  countDaysInYear,
  coveredRange,
  insertNewDays,
  listDays,
  loadWorkingCalendar,
  lockDay,
  readWorkingPeriods,
  updateDay,
  writeWorkingPeriods,
  type CalendarDayRow,
} from './calendar.repo.js';
import { isWeekend, planCalendarYear, type NamedDate } from './domain/calendar-year.js';
import { parseNoticeFile, type NoticeFormat } from './domain/notice-file.js';
import { provisionalDaysAfter } from './domain/provisional-year.js';
import {
  addDaysToDate,
  CalendarNotCoveredError,
  checkWorkingPeriods,
  computeDeadline,
  localDateOf,
  type Limit,
  type WorkingCalendar,
  type WorkingPeriod,
} from './domain/working-time.js';

/** How long a process keeps the calendar before reading it again: other processes' changes show within this. */
export const calendarCacheMs = 60_000;
/** The longest range one listing returns: a year and a little. */
export const maxListedDays = 400;

export type DayInput = { workday: boolean; holidayName?: string | null | undefined; makeup?: boolean | undefined; note?: string | null | undefined };
export type YearInput = { year: number; holidays: NamedDate[]; makeupDays: NamedDate[] };
export type DaysQuery = { year?: number | undefined; from?: string | undefined; to?: string | undefined };

const dayView = (r: CalendarDayRow) => ({ date: r.day, workday: r.workday, holidayName: r.holidayName, makeup: r.makeup, source: r.source, note: r.note });
const provisionalNote = '暂定：按《全国年节及纪念日放假办法》推算，国务院办公厅通知公布后以通知为准';

const dayCount = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** The calendar as a domain error the API can answer with: 422 and the range that is covered. */
export function notCovered(err: CalendarNotCoveredError) {
  return unprocessable('CALENDAR_NOT_COVERED', err.message, { date: err.date, firstDay: err.firstDay, lastDay: err.lastDay });
}

export type CalendarService = ReturnType<typeof createCalendarService>;

/**
 * Told that an official year replaced a provisional one (the orders capability registers it; the calendar knows
 * nothing of orders): `inTransaction` inside the import's transaction (what must commit with the year: the
 * recompute's job), `afterCommit` once it has committed, with the calendar that has the year (`after`), returning how
 * many orders it recomputed.
 */
export type YearEnteredHook = {
  inTransaction(tx: Executor, input: { year: number; now: Date }): Promise<void>;
  afterCommit(input: { actor: Actor; year: number; after: WorkingCalendar; now: Date }): Promise<number>;
};

export function createCalendarService(deps: { db: Db; clock: Clock; cacheMs?: number; bus?: ChangeBus; yearEntered?: YearEnteredHook }) {
  const { db, clock, bus } = deps;
  // One copy per process, dropped on a write here or (through the bus) in another instance.
  const cache = createReferenceCache({
    kinds: ['calendar'],
    load: (via) => loadWorkingCalendar(via, clock.now()),
    db,
    clock,
    bus,
    ttlMs: deps.cacheMs ?? calendarCacheMs,
  });

  /** The working calendar every deadline is computed on. */
  const current = (): Promise<WorkingCalendar> => cache.current();
  /** After a write: this process drops its copy at once, the others when the bus tells them. */
  const invalidate = (): Promise<void> => cache.invalidate();

  /** A deadline on the current calendar; a calendar that does not reach it is a 422, never a guess. */
  async function deadline(start: Date, limit: Limit): Promise<Date | null> {
    const calendar = await current();
    try {
      return computeDeadline(calendar, start, limit);
    } catch (err) {
      if (err instanceof CalendarNotCoveredError) throw notCovered(err);
      throw err;
    }
  }

  /** The calendar belongs to the whole installation: only an administrator at the root may change it. */
  function requireCalendarAdmin(actor: Actor): void {
    requireRole(actor, 'administrator');
    if (!atProvinceRoot(actor)) {
      throw forbidden('CALENDAR_ROOT_ADMIN_REQUIRED', '工作日历全省通用，只有省级管理员可以修改');
    }
  }

  const auditScope = (actor: Actor) => ({ unitId: scopeUnitIdOf(actor), path: actor.scopePath });

  async function list(_actor: Actor, q: DaysQuery) {
    const { from, to } = rangeOf(q, localDateOf(clock.now()));
    const [rows, coverage, workingHours] = await Promise.all([listDays(db, from, to), calendarCoverage(db, clock.now()), readWorkingPeriods(db)]);
    // Past the entered days: the provisional days deadlines are counted on, marked as such.
    const provisional = coverage.provisional
      ? provisionalDaysAfter(coverage.lastDay, Number(coverage.provisional.to.slice(0, 4)))
          .filter((d) => d.day >= from && d.day <= to)
          .map((d) => ({ date: d.day, workday: d.workday, holidayName: d.holidayName, makeup: false, source: 'provisional', note: provisionalNote }))
      : [];
    return { days: [...rows.map(dayView), ...provisional], coverage, workingHours };
  }

  async function setDay(actor: Actor, date: string, input: DayInput) {
    requireCalendarAdmin(actor);
    const makeup = input.makeup ?? false;
    if (makeup && !input.workday) {
      throw invalid('CALENDAR_MAKEUP_NOT_WORKDAY', '调休上班日必须是工作日', [{ field: 'body.makeup', message: '调休上班日必须是工作日（workday 为 true）' }]);
    }
    if (makeup && !isWeekend(date)) {
      throw invalid('CALENDAR_MAKEUP_NOT_WEEKEND', `${date} 不是周末，调休上班日应为周六或周日`, [
        { field: 'body.makeup', message: '只有周六或周日可以是调休上班日' },
      ]);
    }
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const before = await lockDay(tx, date);
      if (!before) {
        const { firstDay, lastDay } = await coveredRange(tx);
        throw unprocessable('CALENDAR_NOT_COVERED', `工作日历未覆盖 ${date}（已覆盖 ${firstDay ?? '无'} 至 ${lastDay ?? '无'}），请先导入该年度的节假日安排`, {
          date,
          firstDay,
          lastDay,
        });
      }
      const after = await updateDay(
        tx,
        date,
        { workday: input.workday, holidayName: input.holidayName ?? null, makeup, note: input.note ?? null, source: 'admin' },
        now,
      );
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'calendar.day.set',
        targetType: 'calendar_day',
        targetId: date,
        scope: auditScope(actor),
        before: dayView(before),
        after: dayView(after),
      });
      return after;
    });
    await invalidate();
    return dayView(row);
  }

  async function importYear(actor: Actor, input: YearInput) {
    requireCalendarAdmin(actor);
    const plan = planCalendarYear(input.year, input.holidays, input.makeupDays);
    if (plan.problems.length) {
      const fields: FieldError[] = plan.problems.map((p) => ({ field: `body.${p.field}`, message: p.message }));
      // The summary names each field with its problem; its English says each problem by the English table.
      const zh = fields.map((f) => `${f.field}：${f.message}`).join('；');
      const en = fields.map((f) => `${f.field}: ${english(f.message)}`).join('; ');
      throw invalid('CALENDAR_IMPORT_INVALID', `节假日安排有误：${zh}`, fields, `The holiday plan is wrong: ${en}`);
    }
    const now = clock.now();
    const exists = () => conflict('CALENDAR_YEAR_EXISTS', `${input.year} 年已在工作日历中，请逐日修改而不是重新导入`);
    // The year, its audit row and the recompute's job commit together; the open orders' provisional deadlines are
    // counted again after the commit, in batches (orders/provisional-deadlines.ts): the import locks no order. Run
    // again when PostgreSQL makes it a deadlock's victim (orders/deadlock-retry.ts: 40P01, and 40001), as before.
    const result = await retryDeadlockVictim(() =>
      db.transaction(async (tx) => {
        if ((await countDaysInYear(tx, input.year)) > 0) throw exists();
        const { firstDay, lastDay } = await coveredRange(tx);
        // Covered days stay one unbroken range, so "covered up to lastDay" means every day before it is there.
        if (firstDay && lastDay) {
          const after = Number(addDaysToDate(lastDay, 1).slice(0, 4));
          const before = Number(addDaysToDate(firstDay, -1).slice(0, 4));
          if (input.year !== after && input.year !== before) {
            // Each statement reads what was committed before it: a simultaneous import of this very year that committed
            // between the count above and the range just read makes the year look "not adjacent". It exists: 409.
            if ((await countDaysInYear(tx, input.year)) > 0) throw exists();
            throw unprocessable(
              'CALENDAR_YEAR_NOT_ADJACENT',
              `工作日历覆盖 ${firstDay} 至 ${lastDay}，只能导入紧接的 ${after} 年（或 ${before} 年），不能留下空缺`,
              {
                firstDay,
                lastDay,
              },
            );
          }
        }
        const rows = plan.days.map((d) => ({ ...d, source: 'import', note: null }));
        // A concurrent import of the same year inserts nothing here; refusing rolls back whatever this one wrote.
        if ((await insertNewDays(tx, rows, now)) !== rows.length) throw exists();
        const summary = {
          year: input.year,
          days: rows.length,
          workdays: rows.filter((d) => d.workday).length,
          holidays: input.holidays,
          makeupDays: input.makeupDays,
        };
        await recordAudit(tx, {
          at: now,
          actor,
          action: 'calendar.year.import',
          targetType: 'calendar_year',
          targetId: String(input.year),
          scope: auditScope(actor),
          before: null,
          after: summary,
        });
        await deps.yearEntered?.inTransaction(tx, { year: input.year, now });
        return { year: summary.year, days: summary.days, workdays: summary.workdays, after: await loadWorkingCalendar(tx, now) };
      }),
    );
    await invalidate();
    // Every open order whose deadlines ran into this year while it was provisional is counted again on it.
    const recomputedOrders = deps.yearEntered ? await deps.yearEntered.afterCommit({ actor, year: input.year, after: result.after, now }) : 0;
    return { year: result.year, days: result.days, workdays: result.workdays, recomputedOrders, coverage: await calendarCoverage(db, clock.now()) };
  }

  /** The same import from the notice as a file (iCalendar or JSON), read into the two lists first. */
  async function importYearFile(actor: Actor, input: { year: number; format: NoticeFormat; content: string }) {
    requireCalendarAdmin(actor);
    const parsed = parseNoticeFile(input.format, input.content, input.year);
    if (!parsed.ok) throw invalid('CALENDAR_FILE_INVALID', parsed.message, [{ field: 'body.content', message: parsed.message }]);
    return importYear(actor, { year: input.year, ...parsed.lists });
  }

  async function setWorkingHours(actor: Actor, input: { periods: WorkingPeriod[]; version: number }) {
    requireCalendarAdmin(actor);
    const problem = checkWorkingPeriods(input.periods);
    if (problem) throw invalid('CALENDAR_WORKING_HOURS_INVALID', problem, [{ field: 'body.periods', message: problem }]);
    const now = clock.now();
    const periods = input.periods.map((p) => ({ start: p.start, end: p.end }));
    const saved = await db.transaction(async (tx) => {
      const before = await readWorkingPeriods(tx);
      if (before.version !== input.version) throw staleVersion('工作时间');
      const version = await writeWorkingPeriods(tx, periods, input.version, now);
      if (version === null) throw staleVersion('工作时间');
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'calendar.working_hours.set',
        targetType: 'setting',
        targetId: 'calendar.working_hours',
        scope: auditScope(actor),
        before,
        after: { periods, version },
      });
      return { periods, version };
    });
    await invalidate();
    return saved;
  }

  /**
   * The calendar read now from the database (through `via`, a transaction, when given) instead of the process's copy,
   * which is dropped: for work that must not count on a copy read before a change (an official year entered).
   */
  async function fresh(via?: Executor): Promise<WorkingCalendar> {
    cache.drop();
    return loadWorkingCalendar(via ?? db, clock.now());
  }

  return { current, fresh, invalidate, deadline, list, setDay, importYear, importYearFile, setWorkingHours };
}

/** The dates a listing covers: a year (the current one by default) or an explicit range of at most 400 days. */
function rangeOf(q: DaysQuery, today: string): { from: string; to: string } {
  if (q.year !== undefined && (q.from || q.to)) {
    throw invalid('CALENDAR_RANGE_INVALID', '请只提供年份，或只提供起止日期', [{ field: 'querystring.year', message: '不能与 from、to 同时使用' }]);
  }
  if (!q.from && !q.to) {
    const year = q.year ?? Number(today.slice(0, 4));
    return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
  if (!q.from || !q.to) {
    const field = q.from ? 'querystring.to' : 'querystring.from';
    throw invalid('CALENDAR_RANGE_INVALID', '请同时提供起止日期', [{ field, message: '请同时提供 from 与 to' }]);
  }
  if (q.from > q.to) throw invalid('CALENDAR_RANGE_INVALID', '开始日期晚于结束日期', [{ field: 'querystring.from', message: '开始日期不能晚于结束日期' }]);
  if (dayCount(q.from, q.to) > maxListedDays) {
    throw invalid('CALENDAR_RANGE_INVALID', `一次最多查询 ${maxListedDays} 天`, [{ field: 'querystring.to', message: `范围不能超过 ${maxListedDays} 天` }]);
  }
  return { from: q.from, to: q.to };
}
