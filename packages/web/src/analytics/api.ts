import { api, http, ok, type Query } from '../api/client.js';
import type { Answer } from '../api/types.js';

/** The figures of one scope (getKpis); rates are 0–1 or null when nothing is in the denominator. */
export type Figures = {
  requests: number;
  ordersCreated: number;
  ordersDispatched: number;
  invalidOrders: number;
  closedAtIntake: number;
  dueInPeriod: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  completionRate: number | null;
  onTimeRate: number | null;
  overdueCompletionRate: number | null;
  dispatches: number;
  timelySignRate: number | null;
  returns: number;
  returnRate: number | null;
  reworks: number;
  reworkRate: number | null;
  extended: number;
  extensionRate: number | null;
  repeatExtensionRate: number | null;
  averageHandlingWorkingDays: number | null;
  averageHandlingWorkingDaysFromSign: number | null;
  callbacks: number;
  callbackRate: number | null;
  satisfactionRate: number | null;
  callSatisfactionRate: number | null;
  /** The self-rating channel (the worker's own page), reported apart from callbacks. */
  selfRatings: number;
  selfRatingSatisfactionRate: number | null;
  amountRecoveredYuan: number;
  workersHelped: number;
  firstContactResolutionRate: number | null;
  /** Call figures (kpis.md) from the call records; null: no call data for the period or the scope. */
  calls: number | null;
  /** Calls answered (direct lines too); null with `calls`. */
  callsAnswered: number | null;
  answerRate: number | null;
  answerWithinRate: number | null;
  abandonRate: number | null;
  averageWaitSeconds: number | null;
  averageTalkSeconds: number | null;
};
type UnitRef = { id: string; name: string };
export type Kpis = Figures & {
  unit: UnitRef;
  /** Consultations recorded by the lawyer seats (a scope holding the hotline), else null. */
  legalConsultations: number | null;
  period: { from: string; to: string };
  comparison: {
    previous: { from: string; to: string; figures: Figures; changePercent: Record<string, number | null> };
    lastYear: { from: string; to: string; figures: Figures; changePercent: Record<string, number | null> };
  };
};
export type OrderFlow = {
  unit: UnitRef;
  at: string;
  totals: Record<string, number>;
  open: number;
  overdue: number;
  units: { unitId: string; unitName: string; total: number; overdue: number; byState: Record<string, number> }[];
};
export type Ranking = {
  unit: UnitRef;
  measure: string;
  measureName: string;
  units: { unitId: string; unitName: string; rank: number | null; value: number | null; figures: Figures }[];
};
export type TrendPoint = {
  bucket: string;
  requests: number;
  ordersCreated: number;
  ordersDispatched: number;
  completed: number;
  dueInPeriod: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  extensionRate: number | null;
  amountRecoveredYuan: number;
};
export type Trend = { unit: UnitRef; granularity: string; points: TrendPoint[] };
export type HotTopics = {
  unit: UnitRef;
  subjects: { code: string; name: string; count: number }[];
  types: { code: string; name: string; count: number }[];
  employers: { name: string; count: number }[];
  extensionReasons: { reason: string; count: number }[];
  divisions: { cities: { code: string; count: number }[]; counties: { code: string; count: number }[] };
};
export type UrgentOrder = {
  id: string;
  number: string;
  title: string;
  state: string;
  unitId: string;
  unitName: string;
  createdAt: string;
  currentDueAt: string | null;
  riskFlags: string[];
};
export type Report = {
  id: string;
  kind: string;
  unitId: string;
  unitName: string;
  from: string;
  to: string;
  title: string;
  summary: string;
  generatedAt: string;
  origin: string;
};
export type CampaignRules = { subjectCodes: string[]; typeCodes: string[]; riskFlags: string[]; divisionPrefixes: string[]; keywords: string[] };
export type CampaignFigures = {
  orders: number;
  completed: number;
  amountInvolvedYuan: number;
  amountRecoveredYuan: number;
  workersInvolved: number;
  workersHelped: number;
};
export type Campaign = {
  id: string;
  name: string;
  description: string | null;
  unitId: string;
  from: string;
  to: string;
  rules: CampaignRules;
  createdAt: string;
  figures: CampaignFigures;
};
/** A campaign's figures by subject, type, city, industry (read from the employer's name, decision 0013) and day. */
export type CampaignStats = Answer<'getCampaignStats'>;
export type ReportSchedule = Answer<'getReportSchedule'>;
export type DisplayToken = Answer<'listDisplayTokens'>[number];
export type NewDisplayToken = Answer<'createDisplayToken'>;

export type Scope = { from: string; to: string; unitId?: string | undefined };
// The client adds '/api'; links the browser follows itself (downloads, the event stream) carry it in full.
const base = '/analytics';
const full = '/api/analytics';
export const analyticsApi = {
  kpis: (s: Scope, signal?: AbortSignal) => api.get<Kpis>(`${base}/kpis`, s as Query, signal),
  flow: (unitId: string | undefined, signal?: AbortSignal) => api.get<OrderFlow>(`${base}/order-flow`, { unitId }, signal),
  ranking: (s: Scope & { measure: string }, signal?: AbortSignal) => api.get<Ranking>(`${base}/unit-ranking`, s as Query, signal),
  trend: (s: Scope & { granularity: 'day' | 'week' | 'month' }, signal?: AbortSignal) => api.get<Trend>(`${base}/trend`, s as Query, signal),
  hot: (s: Scope & { limit?: number }, signal?: AbortSignal) => api.get<HotTopics>(`${base}/hot-topics`, s as Query, signal),
  urgent: (unitId: string | undefined, signal?: AbortSignal) => api.get<UrgentOrder[]>(`${base}/urgent-orders`, { unitId, limit: 12 }, signal),
  map: (signal?: AbortSignal) =>
    api.get<{ province: string; name: string | null; level: 'city' | 'county' | null; geoJson: unknown }>(`${base}/map`, undefined, signal),
  reports: () => api.get<Report[]>(`${base}/reports`, { limit: 100 }),
  generateReport: (body: { kind: string; from?: string; to?: string; unitId?: string }) => api.post<Report>(`${base}/reports`, body),
  downloadUrl: (id: string, format: 'xlsx' | 'docx') => `${full}/reports/${id}/download?format=${format}`,
  campaigns: () => api.get<Campaign[]>(`${base}/campaigns`),
  createCampaign: (body: { name: string; description?: string; from: string; to: string; rules: Partial<CampaignRules> }) =>
    api.post<Campaign>(`${base}/campaigns`, body),
  campaignStats: (id: string) => api.get<CampaignStats>(`${base}/campaigns/${id}/stats`),
  schedule: () => ok(http.GET('/api/analytics/report-schedule', {})),
  setSchedule: (kinds: ('daily' | 'weekly' | 'monthly' | 'yearly')[]) => ok(http.PUT('/api/analytics/report-schedule', { body: { kinds } })),
  displayTokens: () => ok(http.GET('/api/analytics/display-tokens', {})),
  createDisplayToken: (name: string, unitId?: string) => ok(http.POST('/api/analytics/display-tokens', { body: unitId ? { name, unitId } : { name } })),
  revokeDisplayToken: (id: string) => ok(http.DELETE('/api/analytics/display-tokens/{id}', { params: { path: { id } } })),
  /** The wall trades its display token for the big screen's cookie (no personal login). */
  openDisplaySession: (token: string) => ok(http.POST('/api/analytics/display-session', { body: { token } })),
  streamUrl: (unitId: string | undefined) => `${full}/stream${unitId ? `?unitId=${unitId}` : ''}`,
};

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
export const yuan = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 0 });

/** Local (UTC+8) date of now, and the presets a leader picks from. */
export function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export function presetPeriod(key: 'today' | 'week' | 'month' | 'year' | '30d' | '90d', now = today()): { from: string; to: string } {
  const weekday = (new Date(`${now}T00:00:00Z`).getUTCDay() + 6) % 7;
  switch (key) {
    case 'today':
      return { from: now, to: now };
    case 'week':
      return { from: shift(now, -weekday), to: now };
    case 'month':
      return { from: `${now.slice(0, 8)}01`, to: now };
    case 'year':
      return { from: `${now.slice(0, 5)}01-01`, to: now };
    case '30d':
      return { from: shift(now, -29), to: now };
    case '90d':
      return { from: shift(now, -89), to: now };
  }
}
