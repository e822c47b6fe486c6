import { http, ok } from './client.js';
import type { Body, Catalog, QueryOf, Role } from './types.js';

export type UnitInput = {
  parentId?: string | null;
  type?: string;
  name?: string;
  shortName?: string | null;
  divisionCode?: string;
  leaders?: { name: string; title: string; phone?: string }[];
  contactPhone?: string | null;
  address?: string | null;
  email?: string | null;
  sortOrder?: number;
  active?: boolean;
};

export const unitsApi = {
  list: (q: { parentId?: string; q?: string; type?: string; active?: boolean; includeExternal?: boolean; limit?: number } = {}) =>
    ok(http.GET('/api/units/', { params: { query: { limit: 1000, ...q } as QueryOf<'listUnits'> } })),
  divisions: (province?: string) => ok(http.GET('/api/units/divisions', { params: { query: province ? { province } : {} } })),
  create: (body: UnitInput) => ok(http.POST('/api/units/', { body: body as Body<'createUnit'> })),
  update: (id: string, body: UnitInput & { version: number }) =>
    ok(http.PATCH('/api/units/{id}', { params: { path: { id } }, body: body as Body<'updateUnit'> })),
  move: (id: string, body: Body<'moveUnit'>) => ok(http.POST('/api/units/{id}/move', { params: { path: { id } }, body })),
};

export type UserInput = {
  username?: string;
  displayName?: string;
  kind?: 'person' | 'integration';
  phone?: string | null;
  idNumber?: string | null;
  email?: string | null;
  unitId?: string;
  roles?: { role: Role; unitId: string }[];
  password?: string;
  active?: boolean;
};

export const usersApi = {
  list: (q: { q?: string; unitId?: string; role?: string; active?: boolean; limit?: number; cursor?: string }) =>
    ok(http.GET('/api/users/', { params: { query: q as QueryOf<'listUsers'> } })),
  create: (body: UserInput) => ok(http.POST('/api/users/', { body: body as Body<'createUser'> })),
  update: (id: string, body: UserInput & { version: number }) =>
    ok(http.PATCH('/api/users/{id}', { params: { path: { id } }, body: body as Body<'updateUser'> })),
  unlock: (id: string) => ok(http.POST('/api/users/{id}/unlock', { params: { path: { id } } })),
  resetPassword: (id: string, password?: string) => ok(http.POST('/api/users/{id}/password', { params: { path: { id } }, body: password ? { password } : {} })),
  tokens: (id: string) => ok(http.GET('/api/users/{id}/tokens', { params: { path: { id } } })),
  createToken: (id: string, body: Body<'createApiToken'>) => ok(http.POST('/api/users/{id}/tokens', { params: { path: { id } }, body })),
  revokeToken: (id: string, tokenId: string) => ok(http.DELETE('/api/users/{id}/tokens/{tokenId}', { params: { path: { id, tokenId } } })),
};

export type CatalogUpdate = {
  version: number;
  types?: Record<string, unknown>[];
  subjects?: Record<string, unknown>[];
  riskFlags?: Record<string, unknown>[];
  thresholds?: Partial<Catalog['thresholds']>;
};

export const catalogApi = {
  get: () => ok(http.GET('/api/catalog')),
  update: (body: CatalogUpdate) => ok(http.PUT('/api/catalog', { body: body as Body<'updateCatalog'> })),
  rules: (step?: string) => ok(http.GET('/api/time-limit-rules', { params: { query: (step ? { step } : {}) as QueryOf<'listTimeLimitRules'> } })),
  createRule: (body: Record<string, unknown>) => ok(http.POST('/api/time-limit-rules', { body: body as Body<'createTimeLimitRule'> })),
  updateRule: (id: string, body: Record<string, unknown>) =>
    ok(http.PATCH('/api/time-limit-rules/{id}', { params: { path: { id } }, body: body as Body<'updateTimeLimitRule'> })),
  preview: (body: { step: string; type: string; subject: string; priority: string; tier: string; start?: string }) =>
    ok(http.POST('/api/time-limit-rules/preview', { body: body as Body<'previewDeadline'> })),
};

export const calendarApi = {
  year: (year: number) => ok(http.GET('/api/calendar/days', { params: { query: { year } } })),
  setDay: (date: string, body: { workday: boolean; holidayName?: string | null; makeup?: boolean; note?: string | null }) =>
    ok(http.PUT('/api/calendar/days/{date}', { params: { path: { date } }, body })),
  importYear: (body: { year: number; holidays: { date: string; name: string }[]; makeupDays: { date: string; name: string }[] }) =>
    ok(http.POST('/api/calendar/years', { body })),
  /** A file of the State Council notice (.ics or JSON), read in the browser and sent as text. */
  importYearFile: (body: Body<'importCalendarYearFile'>) => ok(http.POST('/api/calendar/years/file', { body })),
  setWorkingHours: (body: Body<'setWorkingHours'>) => ok(http.PUT('/api/calendar/working-hours', { body })),
};

/** The background jobs (administrator): what waits, what failed and why, and a retry for a failed one. */
export const jobsApi = {
  list: (q: QueryOf<'listJobs'>) => ok(http.GET('/api/jobs/', { params: { query: q } })),
  retry: (id: number) => ok(http.POST('/api/jobs/{id}/retry', { params: { path: { id } } })),
};

export const auditApi = {
  list: (q: { action?: string; actor?: string; targetType?: string; targetId?: string; from?: string; to?: string; beforeId?: number; limit?: number }) =>
    ok(http.GET('/api/audit/events', { params: { query: q as QueryOf<'listAuditEvents'> } })),
};
