import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findProvinceRoot } from '../units/province-root.js';
import { findUnitsByIds } from '../units/units.repo.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import { listRiskFlags, listSubjects, listTypes } from '../catalog/catalog.repo.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { conflict, invalid, notFound, unprocessable } from '../platform/errors/app-error.js';
import { divisionExists, divisionsOf } from '../units/divisions/divisions.js';
import { areaOf } from '../units/domain/unit-rules.js';
import * as repo from './analytics.repo.js';
import type { AnalyticsService } from './analytics.service.js';
import type { analyticsCampaigns, CampaignRules } from './analytics.tables.js';
import * as reports from './reports.repo.js';
import { checkCampaignRules, regionPrefixOf, regionsOutside, regionSpellings, type KnownCodes } from './domain/campaign-rules.js';
import { industryNames } from './domain/industry.js';
import { comparisonPeriods, kpiFigures, type Sums } from './domain/kpis.js';
import { duePeriods, periodFor, reportKindNames, reportSummary, urgentNote, yuan, type ReportKind } from './domain/report-text.js';
import type { ReportContent } from './report-documents.js';

export const scheduledReportKinds = ['daily', 'weekly', 'monthly', 'yearly'] as const;
export type ScheduledReportKind = (typeof scheduledReportKinds)[number];
type ScheduledUnit = { id: string; name: string; path: string; kinds: readonly string[] };

export function createReportsService(deps: { db: Db; clock: Clock; analytics: AnalyticsService; province: string }) {
  const { db, clock, analytics } = deps;

  // ---- campaigns -------------------------------------------------------------------------------------------------

  async function campaignFigures(tx: Executor, k: typeof analyticsCampaigns.$inferSelect, period?: { from: string; to: string }, unitPath?: string) {
    const p = period
      ? { from: k.periodFrom > period.from ? k.periodFrom : period.from, to: k.periodTo < period.to ? k.periodTo : period.to }
      : { from: k.periodFrom, to: k.periodTo };
    if (p.from > p.to) return { orders: 0, amountInvolvedYuan: 0, amountRecoveredYuan: 0, workersInvolved: 0, workersHelped: 0, completed: 0 };
    const where = reports.campaignCondition(k.rules, p, unitPath && unitPath.startsWith(k.unitPath) ? unitPath : k.unitPath);
    const r = await reports.campaignTotals(tx, where);
    return {
      orders: r?.orders ?? 0,
      completed: r?.completed ?? 0,
      amountInvolvedYuan: Number(r?.amountInvolved ?? 0),
      amountRecoveredYuan: Number(r?.amountRecovered ?? 0),
      workersInvolved: r?.workersInvolved ?? 0,
      workersHelped: r?.workersHelped ?? 0,
    };
  }

  const campaignView = (k: typeof analyticsCampaigns.$inferSelect) => ({
    id: k.id,
    name: k.name,
    description: k.description,
    unitId: k.unitId,
    from: k.periodFrom,
    to: k.periodTo,
    rules: k.rules,
    createdAt: k.createdAt.toISOString(),
  });

  async function createCampaign(
    actor: Actor,
    input: { name: string; description?: string | undefined; from: string; to: string; unitId?: string | undefined; rules: CampaignRules },
  ) {
    requireRole(actor, 'leader', 'supervisor', 'administrator');
    if (input.from > input.to)
      throw invalid('ANALYTICS_PERIOD_INVALID', '开始日期不能晚于结束日期', [{ field: 'body.from', message: '开始日期不能晚于结束日期' }]);
    const empty = Object.values(input.rules).every((v) => v.length === 0);
    if (empty)
      throw invalid('CAMPAIGN_RULES_EMPTY', '请至少设置一条规则（诉求事项、类型、风险标识、地区或关键词）', [{ field: 'body.rules', message: '至少一条规则' }]);
    // Trimmed here too (the route trims): a name of spaces is no name, and " 冬季专项" is the same as "冬季专项".
    const name = input.name.trim();
    if (!name) throw invalid('CAMPAIGN_NAME_BLANK', '请填写专项行动名称', [{ field: 'body.name', message: '请填写专项行动名称' }]);
    const known = await knownCampaignCodes();
    const checked = checkCampaignRules(input.rules, known);
    if (checked.problems.length) throw invalid('CAMPAIGN_RULE_UNKNOWN', '专项行动的规则中有不存在的诉求事项、类型、风险标识或地区', checked.problems);
    const unit = await analytics.unitFor(actor, input.unitId);
    const outside = regionsOutside(input.rules.divisionPrefixes, (c) => known.region(c)!, await areaOfUnit(unit));
    if (outside.length)
      throw unprocessable('CAMPAIGN_REGION_OUT_OF_SCOPE', '专项行动的地区超出所属单位的辖区', {
        fields: [{ field: 'body.rules.divisionPrefixes', message: `超出所属单位的辖区：${outside.join('、')}` }],
      });
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      // Two campaigns of one name at one unit could not be told apart in its list nor in its reports.
      await reports.lockCampaignNames(tx, unit.id);
      if (await reports.campaignNamed(tx, unit.id, name))
        throw conflict('CAMPAIGN_NAME_TAKEN', `本单位已有名为“${name}”的专项行动`, { fields: [{ field: 'body.name', message: '本单位已有同名的专项行动' }] });
      const created = await reports.insertCampaign(tx, {
        name,
        description: input.description ?? null,
        unitId: unit.id,
        unitPath: unit.path,
        periodFrom: input.from,
        periodTo: input.to,
        rules: checked.rules,
        createdBy: actor.userId,
        createdAt: now,
      });
      // A campaign is a unit's standing question over its orders, shown in its reports: who set it, and to what.
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'create_campaign',
        targetType: 'campaign',
        targetId: created.id,
        scope: { unitId: unit.id, path: unit.path },
        after: { name, description: created.description, unitId: unit.id, from: created.periodFrom, to: created.periodTo, rules: created.rules },
      });
      return created;
    });
    return campaignView(row);
  }

  /** The division a campaign's unit answers for (units/domain/unit-rules.ts areaOf); the units above read only when it has none. */
  async function areaOfUnit(unit: { path: string; divisionCode: string | null }): Promise<string | null> {
    if (unit.divisionCode) return unit.divisionCode;
    const onPath = new Map((await findUnitsByIds(db, unit.path.split('/').filter(Boolean))).map((u) => [u.id, u.divisionCode]));
    return areaOf(unit.path, (id) => onPath.get(id));
  }

  /** What a campaign's rules may name: the catalog's entries (retired ones too: their orders remain) and the province's places. */
  async function knownCampaignCodes(): Promise<KnownCodes> {
    const [subjects, types, flags] = await Promise.all([listSubjects(db), listTypes(db), listRiskFlags(db)]);
    const { cities, counties, zones } = divisionsOf(deps.province);
    const spellings = regionSpellings([{ code: deps.province }, ...cities, ...counties, ...zones]);
    const provincePrefix = regionPrefixOf(deps.province);
    return {
      subjects: new Set(subjects.map((s) => s.code)),
      types: new Set(types.map((s) => s.code)),
      riskFlags: new Set(flags.map((s) => s.code)),
      // A town (9 digits) of the province is a place too; its 41,000 codes are asked one by one, not listed.
      region: (code) => spellings.get(code) ?? (/^\d{9}$/.test(code) && code.startsWith(provincePrefix) && divisionExists(code) ? code : null),
    };
  }

  async function listCampaigns(actor: Actor) {
    await analytics.unitFor(actor, undefined);
    const rows = await reports.campaignsUnder(db, actor.scopePath);
    await analytics.refresh();
    return Promise.all(rows.map(async (k) => ({ ...campaignView(k), figures: await campaignFigures(db, k) })));
  }

  async function findCampaign(actor: Actor, id: string) {
    await analytics.unitFor(actor, undefined);
    const k = await reports.campaignUnder(db, id, actor.scopePath);
    if (!k) throw notFound('CAMPAIGN_NOT_FOUND', '专项行动不存在或不在您的管辖范围内');
    return k;
  }

  /**
   * A campaign's orders analysed by category, region, type, industry and amount. The industry is read from the
   * employer's name (domain/industry.ts: orders record no industry).
   */
  async function getCampaignStats(actor: Actor, id: string) {
    const k = await findCampaign(actor, id);
    await analytics.refresh();
    const where = reports.campaignCondition(k.rules, { from: k.periodFrom, to: k.periodTo }, k.unitPath);
    const [bySubject, byType, byCity, byIndustry, byDay, subjects] = await Promise.all([
      reports.campaignGroups(db, where, 'subject'),
      reports.campaignGroups(db, where, 'type'),
      reports.campaignGroups(db, where, 'city'),
      reports.campaignGroups(db, where, 'industry'),
      reports.campaignDays(db, where),
      listSubjects(db),
    ]);
    const names = new Map(subjects.map((s) => [s.code, s.nameZh]));
    const num = (r: { code: string; orders: number; amountRecovered: string; amountInvolved: string }) => ({
      code: r.code,
      orders: r.orders,
      amountRecoveredYuan: Number(r.amountRecovered),
      amountInvolvedYuan: Number(r.amountInvolved),
    });
    return {
      campaign: campaignView(k),
      figures: await campaignFigures(db, k),
      bySubject: bySubject.map((r) => ({ ...num(r), name: names.get(r.code) ?? r.code })),
      byType: byType.map(num),
      byCity: byCity.map(num),
      byIndustry: byIndustry.map((r) => ({ ...num(r), name: industryNames.get(r.code) ?? r.code })),
      byDay,
    };
  }

  // ---- reports ---------------------------------------------------------------------------------------------------

  async function buildContent(unit: { id: string; name: string; path: string }, kind: ReportKind, from: string, to: string): Promise<ReportContent> {
    await analytics.refresh();
    const cmp = comparisonPeriods(from, to);
    const q = { from, to };
    const [now, prev, ly] = (await analytics.sumsFor(unit.path, {}, [q, cmp.previous, cmp.lastYear])) as [Sums, Sums, Sums];
    const f = { from, to, unitPath: unit.path };
    const [subjects, employers, recoveries, subjectNames, flagNames, campaigns] = await Promise.all([
      repo.countBy(db, f, 'subject', 10),
      repo.hotEmployers(db, f, 10),
      repo.largestRecoveries(db, f, 5),
      listSubjects(db),
      listRiskFlags(db),
      reports.campaignsOver(db, unit.path, from, to),
    ]);
    const urgent = await reports.urgentOpenAtEnd(db, unit.path, q, 5);
    const names = new Map(subjectNames.map((s) => [s.code, s.nameZh]));
    // The flags' names as the catalog has them now (危众多大隐, renamable by the administrator); reports are in Chinese.
    const flagName = new Map(flagNames.map((r) => [r.code, r.nameZh]));
    const topSubjects = subjects.map((s) => ({ name: names.get(s.code) ?? s.code, count: s.count }));
    const campaignRows = await Promise.all(campaigns.map(async (k) => ({ name: k.name, ...(await campaignFigures(db, k, { from, to }, unit.path)) })));
    const [callsNow, callsPrev, callsLy] = await analytics.callFiguresFor(unit.path, [q, cmp.previous, cmp.lastYear]);
    const figures = kpiFigures(now, callsNow);
    const previous = kpiFigures(prev, callsPrev);
    const lastYear = kpiFigures(ly, callsLy);
    const title = `${unit.name}12351职工服务热线${reportKindNames[kind].zh}（${from === to ? from : `${from}至${to}`}）`;
    return {
      title,
      unitName: unit.name,
      from,
      to,
      summary: reportSummary({ kind, unitName: unit.name, figures, previous, lastYear, topSubjects, campaigns: campaignRows }),
      figures,
      previous: { ...previous, ...cmp.previous },
      lastYear: { ...lastYear, ...cmp.lastYear },
      subjects: topSubjects,
      employers: employers.map((e) => ({ name: e.name, count: e.count })),
      notable: [
        ...recoveries.map((r) => ({
          number: r.number,
          title: r.title,
          note: `追回${yuan(r.amountRecovered ?? 0)}元，帮助${r.workersHelped ?? 0}名职工${r.employerName ? `（${r.employerName}）` : ''}`,
        })),
        ...urgent.map((u) => ({
          number: u.number,
          title: u.title,
          note: urgentNote(
            to,
            u.riskFlags.map((c) => flagName.get(c) ?? c),
          ),
        })),
      ],
      campaigns: campaignRows.map((c) => ({ name: c.name, orders: c.orders, amountRecoveredYuan: c.amountRecoveredYuan })),
      generatedAt: clock.now().toISOString(),
    };
  }

  async function store(
    unit: { id: string; name: string; path: string },
    kind: ReportKind,
    from: string,
    to: string,
    origin: 'schedule' | 'demand',
    by: string | null,
  ) {
    const content = await buildContent(unit, kind, from, to);
    // Loaded on first use: exceljs and docx are ~20 MB of resident memory every process would otherwise carry from its
    // start, for a job that runs a few times a day (issue 18, RSS under intake).
    const { reportDocx, reportXlsx } = await import('./report-documents.js');
    const [xlsx, docx] = await Promise.all([reportXlsx(content), reportDocx(content)]);
    return reports.insertReport(db, {
      kind,
      unitId: unit.id,
      unitPath: unit.path,
      unitName: unit.name,
      periodFrom: from,
      periodTo: to,
      title: content.title,
      summary: content.summary,
      figures: { figures: content.figures, previous: content.previous, lastYear: content.lastYear },
      xlsx,
      docx,
      generatedAt: clock.now(),
      generatedBy: by,
      origin,
    });
  }

  const reportView = <T extends { generatedAt: Date }>(r: T) => ({ ...r, generatedAt: r.generatedAt.toISOString() });

  async function generateReport(actor: Actor, input: { kind: ReportKind; from?: string | undefined; to?: string | undefined; unitId?: string | undefined }) {
    const unit = await analytics.unitFor(actor, input.unitId);
    // The figures brought up to date first: the first order's day is read from them.
    await analytics.refresh();
    const { from, to } = periodFor(input.kind, input.from, input.to, localDateOf(clock.now()), await reports.firstOrderDay(db));
    const id = await store(unit, input.kind, from, to, 'demand', actor.userId);
    return reportView((await reports.reportById(db, id))!);
  }

  async function listReports(actor: Actor, q: { kind?: ReportKind | undefined; limit: number }) {
    await analytics.unitFor(actor, undefined);
    const rows = await reports.reportsUnder(db, actor.scopePath, q);
    return rows.map(reportView);
  }

  async function downloadReport(actor: Actor, id: string, format: 'xlsx' | 'docx') {
    await analytics.unitFor(actor, undefined);
    const r = await reports.reportFiles(db, id, actor.scopePath);
    if (!r) throw notFound('REPORT_NOT_FOUND', '报表不存在或不在您的管辖范围内');
    return { fileName: `${r.title}.${format}`, bytes: format === 'xlsx' ? r.xlsx : r.docx };
  }

  // ---- which units want which scheduled reports ------------------------------------------------------------------

  /** A unit's scheduled reports: its own choice, or by default all four for the province root and none elsewhere. */
  async function kindsOf(unitId: string): Promise<{ kinds: string[]; isDefault: boolean }> {
    const row = await reports.subscriptionOf(db, unitId);
    if (row) return { kinds: scheduledReportKinds.filter((k) => row.kinds.includes(k)), isDefault: false };
    const province = await findProvinceRoot(db, deps.province);
    return { kinds: province?.id === unitId ? [...scheduledReportKinds] : [], isDefault: true };
  }

  async function getReportSchedule(actor: Actor, unitId: string | undefined) {
    const unit = await analytics.unitFor(actor, unitId);
    return { unitId: unit.id, unitName: unit.name, ...(await kindsOf(unit.id)), canEdit: scheduleEditors.includes(actor.role as never) };
  }

  /** Set by the unit's (or a unit above it's) leader or administrator; audit-logged. */
  async function setReportSchedule(actor: Actor, input: { unitId?: string | undefined; kinds: ScheduledReportKind[] }) {
    requireRole(actor, ...scheduleEditors);
    const unit = await analytics.unitFor(actor, input.unitId);
    const before = await kindsOf(unit.id);
    const kinds = scheduledReportKinds.filter((k) => input.kinds.includes(k));
    const now = clock.now();
    await db.transaction(async (tx) => {
      await reports.upsertSubscription(tx, { unitId: unit.id, unitPath: unit.path, kinds, updatedBy: actor.userId, updatedAt: now });
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'set_report_schedule',
        targetType: 'unit',
        targetId: unit.id,
        scope: { unitId: unit.id, path: unit.path },
        before: { kinds: before.kinds },
        after: { kinds },
      });
    });
    return { unitId: unit.id, unitName: unit.name, kinds: [...kinds], isDefault: false, canEdit: true };
  }

  /** The units the scheduler makes reports for, each with the kinds it wants. */
  async function scheduledUnits(): Promise<ScheduledUnit[]> {
    const [province, subs] = await Promise.all([findProvinceRoot(db, deps.province), reports.activeSubscriptions(db)]);
    const rows = await findUnitsByIds(
      db,
      subs.map((s) => s.unitId),
    );
    const out: ScheduledUnit[] = rows.map((u) => ({ id: u.id, name: u.name, path: u.path, kinds: subs.find((s) => s.unitId === u.id)!.kinds }));
    if (province && !(await reports.subscriptionOf(db, province.id)))
      out.unshift({ id: province.id, name: province.name, path: province.path, kinds: scheduledReportKinds });
    return out;
  }

  /**
   * The scheduled run: the reports due on the local date of `now` (or the `periods` given: the demo installation's
   * first reports), for each unit the kinds it wants, each period's once.
   */
  async function runScheduled(now: Date, units?: ScheduledUnit[], periods = duePeriods(localDateOf(now))) {
    const targets = units ?? (await scheduledUnits());
    let n = 0;
    for (const p of periods) {
      for (const u of targets) {
        if (!u.kinds.includes(p.kind)) continue;
        if (await reports.scheduledReportExists(db, u.id, p)) continue;
        await store(u, p.kind, p.from, p.to, 'schedule', null);
        n++;
      }
    }
    return n;
  }

  return {
    createCampaign,
    listCampaigns,
    getCampaignStats,
    generateReport,
    listReports,
    downloadReport,
    getReportSchedule,
    setReportSchedule,
    scheduledUnits,
    runScheduled,
    buildContent,
  };
}
const scheduleEditors = ['leader', 'administrator'] as const;

export type ReportsService = ReturnType<typeof createReportsService>;
