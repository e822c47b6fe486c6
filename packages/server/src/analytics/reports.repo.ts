import { and, between, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { addDaysToDate, instantAt } from '../calendar/domain/working-time.js';
import type { Executor } from '../platform/db/client.js';
import { industryRules, unknownIndustry } from './domain/industry.js';
import { analyticsCampaigns, analyticsOrderFacts, analyticsReportSubscriptions, analyticsReports, type CampaignRules } from './analytics.tables.js';
import { containing } from '../platform/db/like.js';

/** Campaigns and stored reports, and the campaigns' figures over the order facts: analytics' tables, read here. */
const under = (p: string) => `${p}%`;

/** The SQL condition of a campaign's rules over the order facts: any listed subject/type/flag/place/keyword matches. */
export function campaignCondition(rules: CampaignRules, period: { from: string; to: string }, unitPath: string): SQL {
  const f = analyticsOrderFacts;
  const c: SQL[] = [between(f.createdDay, period.from, period.to), sql`${f.unitPath} like ${under(unitPath)}`, sql`${f.state} not in ('invalid', 'merged')`];
  if (rules.subjectCodes.length) c.push(inArray(f.subjectCode, rules.subjectCodes));
  if (rules.typeCodes.length) c.push(inArray(f.typeCode, rules.typeCodes));
  if (rules.riskFlags.length)
    c.push(
      sql`${f.riskFlags} && array[${sql.join(
        rules.riskFlags.map((r) => sql`${r}`),
        sql`, `,
      )}]::text[]`,
    );
  if (rules.divisionPrefixes.length)
    c.push(
      sql`(${sql.join(
        rules.divisionPrefixes.map((p) => sql`${f.divisionCode} like ${under(p)}`),
        sql` or `,
      )})`,
    );
  if (rules.keywords.length)
    c.push(
      sql`(${sql.join(
        rules.keywords.map((k) => sql`${f.title} ilike ${containing(k)}`),
        sql` or `,
      )})`,
    );
  return and(...c)!;
}

/** A campaign's totals over the facts matching `where` (campaignCondition). */
export async function campaignTotals(tx: Executor, where: SQL) {
  const f = analyticsOrderFacts;
  const [r] = await tx
    .select({
      orders: sql<number>`count(*)::int`,
      completed: sql<number>`count(${f.acceptedAt})::int`,
      amountInvolved: sql<string>`coalesce(sum(${f.amountInvolved}), 0)`,
      amountRecovered: sql<string>`coalesce(sum(${f.amountRecovered}), 0)`,
      workersInvolved: sql<number>`coalesce(sum(${f.workersInvolved}), 0)::int`,
      workersHelped: sql<number>`coalesce(sum(${f.workersHelped}), 0)::int`,
    })
    .from(f)
    .where(where);
  return r;
}

/** `industryOfEmployer` (domain/industry.ts) spelt in SQL over the facts' employer name: the same rules, in order. */
function industryColumn(): SQL<string> {
  const name = analyticsOrderFacts.employerName;
  const whens = industryRules.map(
    (r) =>
      sql`when ${sql.join(
        r.keywords.map((k) => sql`${name} like ${`%${k}%`}`),
        sql` or `,
      )} then ${r.code}`,
  );
  return sql<string>`(case ${sql.join(whens, sql` `)} else ${unknownIndustry.code} end)`;
}

/** A campaign's orders and amounts grouped by subject, type, city (the division's first four digits) or industry. */
export async function campaignGroups(db: Executor, where: SQL, by: 'subject' | 'type' | 'city' | 'industry') {
  const f = analyticsOrderFacts;
  const col =
    by === 'subject'
      ? sql<string>`${f.subjectCode}`
      : by === 'type'
        ? sql<string>`${f.typeCode}`
        : by === 'industry'
          ? industryColumn()
          : sql<string>`coalesce(substring(${f.divisionCode} from 1 for 4) || '00', '')`;
  return (
    db
      .select({
        code: col,
        orders: sql<number>`count(*)::int`,
        amountRecovered: sql<string>`coalesce(sum(${f.amountRecovered}), 0)`,
        amountInvolved: sql<string>`coalesce(sum(${f.amountInvolved}), 0)`,
      })
      .from(f)
      .where(where)
      // By position: the industry's CASE carries parameters, and a repeated expression would number them anew.
      .groupBy(sql`1`)
      .orderBy(desc(sql`2`))
  );
}

export async function campaignDays(db: Executor, where: SQL) {
  const f = analyticsOrderFacts;
  return db.select({ day: f.createdDay, orders: sql<number>`count(*)::int` }).from(f).where(where).groupBy(f.createdDay).orderBy(f.createdDay);
}

export async function insertCampaign(db: Executor, values: typeof analyticsCampaigns.$inferInsert) {
  const [row] = await db.insert(analyticsCampaigns).values(values).returning();
  return row!;
}

/**
 * Holds a unit's campaign names until the transaction ends, so two people creating the same name at once get one
 * campaign and one refusal. A lock rather than a unique index: installations may already hold such twins.
 */
export async function lockCampaignNames(tx: Executor, unitId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`analytics-campaign-names:${unitId}`}))`);
}

/** The unit's campaign of that name, if it has one. */
export async function campaignNamed(db: Executor, unitId: string, name: string): Promise<{ id: string } | undefined> {
  const [k] = await db
    .select({ id: analyticsCampaigns.id })
    .from(analyticsCampaigns)
    .where(and(eq(analyticsCampaigns.unitId, unitId), eq(analyticsCampaigns.name, name)))
    .limit(1);
  return k;
}

/** Campaigns of units under the path, the latest first. */
export async function campaignsUnder(db: Executor, scopePath: string) {
  return db
    .select()
    .from(analyticsCampaigns)
    .where(sql`${analyticsCampaigns.unitPath} like ${under(scopePath)}`)
    .orderBy(desc(analyticsCampaigns.periodFrom));
}

export async function campaignUnder(db: Executor, id: string, scopePath: string) {
  const [k] = await db
    .select()
    .from(analyticsCampaigns)
    .where(and(eq(analyticsCampaigns.id, id), sql`${analyticsCampaigns.unitPath} like ${under(scopePath)}`));
  return k;
}

/** Campaigns run by the unit or above it that overlap the period (a report tells how they went). */
export async function campaignsOver(db: Executor, unitPath: string, from: string, to: string) {
  return db
    .select()
    .from(analyticsCampaigns)
    .where(and(lte(analyticsCampaigns.periodFrom, to), gte(analyticsCampaigns.periodTo, from), sql`${unitPath} like ${analyticsCampaigns.unitPath} || '%'`));
}

export async function insertReport(db: Executor, values: typeof analyticsReports.$inferInsert): Promise<string> {
  const [row] = await db.insert(analyticsReports).values(values).returning({ id: analyticsReports.id });
  return row!.id;
}

const reportColumns = {
  id: analyticsReports.id,
  kind: analyticsReports.kind,
  unitId: analyticsReports.unitId,
  unitName: analyticsReports.unitName,
  from: analyticsReports.periodFrom,
  to: analyticsReports.periodTo,
  title: analyticsReports.title,
  summary: analyticsReports.summary,
  generatedAt: analyticsReports.generatedAt,
  origin: analyticsReports.origin,
};

export async function reportById(db: Executor, id: string) {
  const [r] = await db.select(reportColumns).from(analyticsReports).where(eq(analyticsReports.id, id));
  return r;
}

export async function reportsUnder(db: Executor, scopePath: string, q: { kind?: string | undefined; limit: number }) {
  const where = [sql`${analyticsReports.unitPath} like ${under(scopePath)}`];
  if (q.kind) where.push(eq(analyticsReports.kind, q.kind));
  return db
    .select(reportColumns)
    .from(analyticsReports)
    .where(and(...where))
    .orderBy(desc(analyticsReports.generatedAt))
    .limit(q.limit);
}

export async function reportFiles(db: Executor, id: string, scopePath: string) {
  const [r] = await db
    .select({ title: analyticsReports.title, xlsx: analyticsReports.xlsx, docx: analyticsReports.docx })
    .from(analyticsReports)
    .where(and(eq(analyticsReports.id, id), sql`${analyticsReports.unitPath} like ${under(scopePath)}`));
  return r;
}

/** Whether the schedule made this unit's report of the period already. */
export async function scheduledReportExists(db: Executor, unitId: string, p: { kind: string; from: string; to: string }): Promise<boolean> {
  const [exists] = await db
    .select({ id: analyticsReports.id })
    .from(analyticsReports)
    .where(
      and(
        eq(analyticsReports.unitId, unitId),
        eq(analyticsReports.kind, p.kind),
        eq(analyticsReports.periodFrom, p.from),
        eq(analyticsReports.periodTo, p.to),
        eq(analyticsReports.origin, 'schedule'),
      ),
    );
  return !!exists;
}

/** A unit's scheduled-report choice, if one was set. */
export async function subscriptionOf(db: Executor, unitId: string) {
  const [r] = await db.select().from(analyticsReportSubscriptions).where(eq(analyticsReportSubscriptions.unitId, unitId));
  return r;
}

export async function upsertSubscription(db: Executor, values: typeof analyticsReportSubscriptions.$inferInsert) {
  await db
    .insert(analyticsReportSubscriptions)
    .values(values)
    .onConflictDoUpdate({
      target: analyticsReportSubscriptions.unitId,
      set: { kinds: values.kinds, unitPath: values.unitPath, updatedBy: values.updatedBy, updatedAt: values.updatedAt },
    });
}

/** Every unit's choice that asks for at least one scheduled report. */
export async function activeSubscriptions(db: Executor) {
  return db
    .select({ unitId: analyticsReportSubscriptions.unitId, kinds: analyticsReportSubscriptions.kinds })
    .from(analyticsReportSubscriptions)
    .where(sql`cardinality(${analyticsReportSubscriptions.kinds}) > 0`);
}

/**
 * The local day of the installation's first order (any state, imported history included), or null when there is none
 * yet: where the system's data begin (domain/report-text.ts periodOutOfRange). By the facts' day index, one entry.
 */
export async function firstOrderDay(db: Executor): Promise<string | null> {
  const [r] = await db.select({ day: sql<string | null>`min(${analyticsOrderFacts.createdDay})` }).from(analyticsOrderFacts);
  return r?.day ?? null;
}

/**
 * A report's urgent and risk orders: received in the period under the unit and not yet completed (办结: accepted at
 * review) when the period ended, whatever they are now, so a past week's report lists what that week left open, not
 * what is open today. The newest first. Orders closed at intake never were in the loop, invalid and merged ones count
 * nowhere (domain/contributions.ts). An order completed in the period and reopened since has no acceptance time any more
 * and is listed as open: the facts keep the latest acceptance only.
 */
export async function urgentOpenAtEnd(db: Executor, unitPath: string, period: { from: string; to: string }, limit: number) {
  const f = analyticsOrderFacts;
  const end = instantAt(addDaysToDate(period.to, 1), 0);
  return db
    .select({ number: f.number, title: f.title, riskFlags: f.riskFlags })
    .from(f)
    .where(
      and(
        between(f.createdDay, period.from, period.to),
        sql`${f.unitPath} like ${under(unitPath)}`,
        sql`${f.state} not in ('invalid', 'merged', 'closed_at_intake')`,
        sql`(${f.priority} = 'urgent' or cardinality(${f.riskFlags}) > 0)`,
        or(isNull(f.acceptedAt), sql`${f.acceptedAt} >= ${end.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(desc(f.createdAt))
    .limit(limit);
}
