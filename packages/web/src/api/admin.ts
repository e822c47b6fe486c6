import { api, type Query } from './client.js';
import type { ApiToken, AuditEvent, CalendarDay, CalendarYear, Catalog, DeadlinePreview, DivisionTree, Role, TimeLimitRule, Unit, User } from './types.js';

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
    api.get<{ items: Unit[]; total: number }>('/units', { limit: 1000, ...q } as Query),
  divisions: (province?: string) => api.get<DivisionTree>('/units/divisions', { province }),
  create: (body: UnitInput) => api.post<Unit>('/units', body),
  update: (id: string, body: UnitInput & { version: number }) => api.patch<Unit>(`/units/${id}`, body),
  move: (id: string, body: { version: number; parentId: string }) => api.post<Unit>(`/units/${id}/move`, body),
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
    api.get<{ items: User[]; nextCursor: string | null }>('/users', q as Query),
  create: (body: UserInput) => api.post<{ user: User; password: string | null }>('/users', body),
  update: (id: string, body: UserInput & { version: number }) => api.patch<User>(`/users/${id}`, body),
  resetPassword: (id: string, password?: string) => api.post<{ password: string | null; mustChangePassword: boolean }>(`/users/${id}/password`, password ? { password } : {}),
  tokens: (id: string) => api.get<{ items: ApiToken[] }>(`/users/${id}/tokens`),
  createToken: (id: string, body: { name: string; expiresAt?: string }) => api.post<ApiToken & { token: string }>(`/users/${id}/tokens`, body),
  revokeToken: (id: string, tokenId: string) => api.delete<void>(`/users/${id}/tokens/${tokenId}`),
};

export type CatalogUpdate = {
  version: number;
  types?: Record<string, unknown>[];
  subjects?: Record<string, unknown>[];
  riskFlags?: Record<string, unknown>[];
  thresholds?: Partial<Catalog['thresholds']>;
};

export const catalogApi = {
  get: () => api.get<Catalog>('/catalog'),
  update: (body: CatalogUpdate) => api.put<Catalog>('/catalog', body),
  rules: (step?: string) => api.get<{ items: TimeLimitRule[] }>('/time-limit-rules', { step }),
  createRule: (body: Record<string, unknown>) => api.post<TimeLimitRule>('/time-limit-rules', body),
  updateRule: (id: string, body: Record<string, unknown>) => api.patch<TimeLimitRule>(`/time-limit-rules/${id}`, body),
  preview: (body: { step: string; type: string; subject: string; priority: string; tier: string; start?: string }) =>
    api.post<DeadlinePreview>('/time-limit-rules/preview', body),
};

export const calendarApi = {
  year: (year: number) => api.get<CalendarYear>('/calendar/days', { year }),
  setDay: (date: string, body: { workday: boolean; holidayName?: string | null; makeup?: boolean; note?: string | null }) =>
    api.put<CalendarDay>(`/calendar/days/${date}`, body),
  importYear: (body: { year: number; holidays: { date: string; name: string }[]; makeupDays: { date: string; name: string }[] }) =>
    api.post<{ year: number; days: number; workdays: number; coverage: CalendarYear['coverage'] }>('/calendar/years', body),
  setWorkingHours: (body: { periods: { start: string; end: string }[]; version: number }) => api.put<CalendarYear['workingHours']>('/calendar/working-hours', body),
};

export const auditApi = {
  list: (q: { action?: string; actor?: string; targetType?: string; targetId?: string; from?: string; to?: string; beforeId?: number; limit?: number }) =>
    api.get<{ items: AuditEvent[]; nextBeforeId: number | null }>('/audit/events', q as Query),
};
