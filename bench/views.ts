/**
 * Every saved view's first page and the tab counts (countOrderViews), for a county handler, a city dispatcher and the
 * province dispatcher (issue 18: "the first page of every saved view … p95 ≤ 3 × a bare HTTP route that returns 20
 * indexed rows"), each against the bare route for the person's own unit, requested in turn with it. Each view is
 * requested as the web requests it (packages/web/src/orders/views.ts: work queues by deadline, records newest first).
 */
import type { Role } from '../packages/server/src/auth/roles.js';
import { listQueryOf, viewsFor } from '../packages/server/src/orders/saved-views.js';
import { login } from './harness.js';

/** One timed request (run.ts pairedLatencies). */
export type Request = { url: string; headers?: Record<string, string> };
export type Person = { name: string; username: string; role: Role; unitId: string };
export type ViewTimes = Record<string, { app: number; bare: number }>;
/** A filter's p95 (app, bare: the figure the target reads) and its median beside it (appP50, bareP50). */
export type FilterTimes = Record<string, { app: number; bare: number; appP50: number; bareP50: number }>;

const createdFirst = new Set(['my_intake', 'all']);
const queryString = (q: Record<string, unknown>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return p.toString();
};

export async function savedViewTimes(
  appPort: number,
  barePort: number,
  people: Person[],
  paired: (app: Request, bare: Request) => Promise<{ app: { p95: number }; bare: { p95: number } }>,
): Promise<Record<string, ViewTimes>> {
  const out: Record<string, ViewTimes> = {};
  for (const p of people) {
    const { cookie, session } = await login(appPort, p.username);
    const unitId = session.current.unit.id;
    // The bare route for the person's own unit, requested in turn with each view (run.ts pairedLatencies).
    const bare = { url: `http://127.0.0.1:${barePort}/bare/orders?scope=${p.unitId}&limit=20` };
    const measure = async (url: string) => {
      const t = await paired({ url: `http://127.0.0.1:${appPort}${url}`, headers: { cookie } }, bare);
      return { app: t.app.p95, bare: t.bare.p95 };
    };
    const times: ViewTimes = {};
    for (const v of viewsFor(p.role))
      times[v.key] = await measure(`/api/orders?limit=20&sort=${createdFirst.has(v.key) ? 'created_desc' : 'due_asc'}&${queryString(listQueryOf(v, unitId))}`);
    times['view-counts'] = await measure('/api/orders/view-counts');
    out[p.name] = times;
  }
  return out;
}

/** The slowest entry of a person's views (by ratio to its bare route). */
export const worstOf = (times: ViewTimes) =>
  Object.entries(times).reduce((w, [key, t]) => (t.app / t.bare > w.ratio ? { key, ratio: t.app / t.bare, app: t.app } : w), { key: '', ratio: 0, app: 0 });

/**
 * The list's filters (issue 18: "Filters (deadline status, state, type, subject, flags, unit, dates, phone, employer)
 * each served by an index or a design that keeps them flat"), first page and total as the web asks for them, newest
 * first, for a county handler and the province dispatcher. The values are the rarest of their kind in the seeded
 * history (a rare value is the hard case: the page walks further for it), a number with history, an employer's name
 * in part, a common complaint in words; each against the bare route for the person's unit. A page that came without
 * its count (the count would range over the history) is the figure; the count the web then asks for is timed too and
 * printed apart (the person sees the page meanwhile). Each is kept as its p95
 * (issue 18's target) and its median: a filter is sampled fewer times than the whole list (run.ts: 60 pairs), and a
 * p95 of so few is about the third-worst request, which moves between runs; the median beside it does not.
 */
export type FilterValues = { subject: string; type: string; channel: string; flag: string; phone: string; employerPart: string; month: string };

export const filterQueries = (v: FilterValues): Record<string, string> => ({
  subject: `subjectCode=${v.subject}`,
  type: `typeCode=${v.type}`,
  channel: `channel=${v.channel}`,
  'risk flag': `riskFlag=${v.flag}`,
  priority: 'priority=major',
  dates: `from=${v.month}-01&to=${v.month}-28`,
  'open state and subject': `state=handling&subjectCode=${v.subject}`,
  'closed state and subject': `state=archived&subjectCode=${v.subject}`,
  phone: `callerPhone=${v.phone}`,
  employer: `employer=${encodeURIComponent(v.employerPart)}`,
  words: `q=${encodeURIComponent('拖欠工资')}`,
});

/** The filters' first pages (the target's figure), and the counts the web asks for apart where a page came uncounted. */
export type FilterRuns = { pages: Record<string, FilterTimes>; counts: Record<string, FilterTimes> };

export async function filterTimes(
  appPort: number,
  barePort: number,
  people: Person[],
  values: FilterValues,
  paired: (app: Request, bare: Request) => Promise<{ app: { p50: number; p95: number }; bare: { p50: number; p95: number } }>,
): Promise<FilterRuns> {
  const out: FilterRuns = { pages: {}, counts: {} };
  for (const p of people) {
    const { cookie } = await login(appPort, p.username);
    const bare = { url: `http://127.0.0.1:${barePort}/bare/orders?scope=${p.unitId}&limit=20` };
    const times: FilterTimes = {};
    const counts: FilterTimes = {};
    for (const [key, query] of Object.entries(filterQueries(values))) {
      const app = { url: `http://127.0.0.1:${appPort}/api/orders?limit=20&${query}`, headers: { cookie } };
      // Once unmeasured: the first text search of a process loads jieba's dictionary (a few hundred ms, once).
      const first = (await (await fetch(app.url, { headers: app.headers })).json()) as { countsDeferred?: boolean; totalCapped?: boolean };
      const t = await paired(app, bare);
      times[key] = { app: t.app.p95, bare: t.bare.p95, appP50: t.app.p50, bareP50: t.bare.p50 };
      // A page shown before its count (order-list.ts list): the web asks for the count next (orders/useOrderPages.ts).
      if (first.countsDeferred && first.totalCapped) {
        const count = { url: `http://127.0.0.1:${appPort}/api/orders/count?${query}`, headers: { cookie } };
        const c = await paired(count, bare);
        counts[key] = { app: c.app.p95, bare: c.bare.p95, appP50: c.app.p50, bareP50: c.bare.p50 };
      }
    }
    out.pages[p.name] = times;
    out.counts[p.name] = counts;
  }
  return out;
}
