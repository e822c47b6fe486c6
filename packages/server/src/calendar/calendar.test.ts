import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { auditEvents } from '../audit/audit.tables.js';
import { createAuthService } from '../auth/auth.service.js';
import { AppError } from '../platform/errors/app-error.js';
import { testPassword } from '../../test/support/test-db.js';
import { users, roleAssignments } from '../users/users.tables.js';
import { createCalendarService } from './calendar.service.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['login']>>;
let agent: Awaited<ReturnType<TestApp['login']>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  agent = await t.login('agent');
});
afterAll(() => t.close());

/** A local (UTC+8) wall-clock time. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const auditOf = (action: string, targetId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .orderBy(asc(auditEvents.id));
/** The error a promise rejects with, or undefined. */
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const day = (res: { json(): { days: { date: string }[] } }, date: string) => res.json().days.find((d) => d.date === date);

// A fictitious notice for 2027, only to exercise the import: the real one is published around November 2026.
const notice2027 = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({ date, name: '春节' })),
    { date: '2027-10-01', name: '国庆节' },
  ],
  makeupDays: [{ date: '2027-02-20', name: '春节' }],
};

describe('health warns before the calendar runs out', () => {
  it('warns 36 days before the last covered day', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('warning');
    expect(body.calendar).toMatchObject({ firstDay: '2004-01-01', lastDay: '2026-12-31', daysLeft: 36 });
    expect(body.calendar.warning).toBe(
      '工作日历只覆盖到 2026-12-31，还剩 36 天：请在国务院办公厅公布后维护 2027 年节假日安排；在此之前，2027 年的期限暂按《全国年节及纪念日放假办法》推算（不含调休上班日），标为“暂定”',
    );
    expect(body.calendar.provisional).toEqual({ from: '2027-01-01', to: '2027-12-31', years: [2027] });
    expect(body.warnings).toContain(body.calendar.warning);
  });

  it('does not warn far from the end', async () => {
    t.clock.set('2026-06-01T02:00:00Z');
    try {
      const body = (await t.anonymous().get('/api/health')).json();
      expect(body.calendar).toMatchObject({ lastDay: '2026-12-31', daysLeft: 213, warning: null });
      expect(body.warnings.some((w: string) => w.includes('工作日历'))).toBe(false);
    } finally {
      t.clock.set('2026-11-25T02:00:00Z');
    }
  });
});

describe('listCalendarDays', () => {
  it('lists 2026 with the make-up Saturday of the Spring Festival and the National Day block', async () => {
    const res = await agent.get('/api/calendar/days?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.days).toHaveLength(365);
    expect(day(res, '2026-02-14')).toEqual({ date: '2026-02-14', workday: true, holidayName: '春节', makeup: true, source: 'package', note: null });
    for (const d of ['01', '02', '03', '04', '05', '06', '07']) {
      expect(day(res, `2026-10-${d}`)).toMatchObject({ workday: false, holidayName: '国庆节', makeup: false });
    }
    expect(day(res, '2026-10-08')).toMatchObject({ workday: true, holidayName: null });
    expect(body.coverage).toMatchObject({ firstDay: '2004-01-01', lastDay: '2026-12-31', daysLeft: 36 });
    expect(body.coverage.warning).toContain('2027');
    expect(body.workingHours).toEqual({
      periods: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      version: 0,
    });
  });

  it('lists the current year by default and a range on request', async () => {
    const all = await agent.get('/api/calendar/days');
    expect(all.json().days[0].date).toBe('2026-01-01');
    const range = await agent.get('/api/calendar/days?from=2026-09-28&to=2026-10-11');
    expect(range.json().days.map((d: { date: string }) => d.date)).toHaveLength(14);
    // Past the entered days: the provisional year, marked as such.
    const beyond = await agent.get('/api/calendar/days?from=2026-12-30&to=2027-01-02');
    expect(beyond.json().days.map((d: { date: string; source: string }) => [d.date, d.source])).toEqual([
      ['2026-12-30', 'package'],
      ['2026-12-31', 'package'],
      ['2027-01-01', 'provisional'],
      ['2027-01-02', 'provisional'],
    ]);
    expect(day(beyond, '2027-01-01')).toMatchObject({ workday: false, holidayName: '元旦', makeup: false });
  });

  it.each([
    ['/api/calendar/days?from=2025-01-01&to=2026-03-01', 'CALENDAR_RANGE_INVALID', 'querystring.to'],
    ['/api/calendar/days?from=2026-03-01&to=2026-01-01', 'CALENDAR_RANGE_INVALID', 'querystring.from'],
    ['/api/calendar/days?from=2026-03-01', 'CALENDAR_RANGE_INVALID', 'querystring.to'],
    ['/api/calendar/days?year=2026&from=2026-03-01&to=2026-04-01', 'CALENDAR_RANGE_INVALID', 'querystring.year'],
    ['/api/calendar/days?year=abc', 'VALIDATION_FAILED', 'querystring.year'],
    ['/api/calendar/days?year=1999', 'VALIDATION_FAILED', 'querystring.year'],
    ['/api/calendar/days?from=2026-02-30&to=2026-03-01', 'VALIDATION_FAILED', 'querystring.from'],
    ['/api/calendar/days?from=20260201&to=2026-03-01', 'VALIDATION_FAILED', 'querystring.from'],
    ['/api/calendar/days?month=2', 'VALIDATION_FAILED', 'querystring.month'],
  ])('refuses %s with 400 %s', async (url, code, field) => {
    const res = await agent.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
    expect(res.json().details.fields[0].field).toBe(field);
  });

  it('asks for a login', async () => {
    expect((await t.anonymous().get('/api/calendar/days?year=2026')).statusCode).toBe(401);
  });
});

describe('setCalendarDay', () => {
  it('overrides a day, records before and after in the audit log, and moves deadlines', async () => {
    const calendar = createCalendarService({ db: t.db, clock: t.clock });
    expect(await calendar.deadline(at('2026-12-04 10:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2026-12-07 17:30'));

    const res = await admin.put('/api/calendar/days/2026-12-07', { workday: false, holidayName: '自治区成立纪念日', note: '示例：全区放假一天' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      date: '2026-12-07',
      workday: false,
      holidayName: '自治区成立纪念日',
      makeup: false,
      source: 'admin',
      note: '示例：全区放假一天',
    });
    expect(day(await agent.get('/api/calendar/days?from=2026-12-07&to=2026-12-07'), '2026-12-07')).toMatchObject({ workday: false, source: 'admin' });

    const [event, ...more] = await auditOf('calendar.day.set', '2026-12-07');
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ actorUsername: 'admin', actorRole: 'administrator', targetType: 'calendar_day', outcome: 'success' });
    expect(event!.before).toEqual({ date: '2026-12-07', workday: true, holidayName: null, makeup: false, source: 'package', note: null });
    expect(event!.after).toMatchObject({ workday: false, holidayName: '自治区成立纪念日', source: 'admin' });
    expect(event!.scopePath).toMatch(/^\/[0-9a-f-]{36}\/$/);
    expect(event!.at).toEqual(t.clock.now());

    // A fresh read (another process, or after the cache's minute) sees the rest day.
    t.clock.advance(61_000);
    expect(await calendar.deadline(at('2026-12-04 10:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2026-12-08 17:30'));
    const back = await admin.put('/api/calendar/days/2026-12-07', { workday: true });
    expect(back.json()).toMatchObject({ workday: true, holidayName: null, makeup: false, note: null, source: 'admin' });
  });

  it('sets a make-up working Saturday', async () => {
    const res = await admin.put('/api/calendar/days/2026-12-12', { workday: true, holidayName: '示例', makeup: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ workday: true, makeup: true });
    await admin.put('/api/calendar/days/2026-12-12', { workday: false });
  });

  it.each([
    ['/api/calendar/days/2026-02-30', { workday: true }, 400, 'VALIDATION_FAILED', 'params.date'],
    ['/api/calendar/days/2026-1-5', { workday: true }, 400, 'VALIDATION_FAILED', 'params.date'],
    ['/api/calendar/days/today', { workday: true }, 400, 'VALIDATION_FAILED', 'params.date'],
    ['/api/calendar/days/2026-12-05', {}, 400, 'VALIDATION_FAILED', 'body.workday'],
    ['/api/calendar/days/2026-12-05', { workday: 'yes' }, 400, 'VALIDATION_FAILED', 'body.workday'],
    ['/api/calendar/days/2026-12-05', { workday: true, source: 'package' }, 400, 'VALIDATION_FAILED', 'body.source'],
    ['/api/calendar/days/2026-12-05', { workday: true, holidayName: '' }, 400, 'VALIDATION_FAILED', 'body.holidayName'],
    ['/api/calendar/days/2026-12-05', { workday: false, makeup: true }, 400, 'CALENDAR_MAKEUP_NOT_WORKDAY', 'body.makeup'],
    ['/api/calendar/days/2026-12-07', { workday: true, makeup: true }, 400, 'CALENDAR_MAKEUP_NOT_WEEKEND', 'body.makeup'],
  ])('refuses PUT %s %j with %i %s', async (url, body, status, code, field) => {
    const res = await admin.put(url, body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().details.fields[0].field).toBe(field);
  });

  it.each(['2027-03-01', '2003-12-31'])('refuses %s, outside the covered range, with 422 CALENDAR_NOT_COVERED', async (date) => {
    const res = await admin.put(`/api/calendar/days/${date}`, { workday: true });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CALENDAR_NOT_COVERED', details: { date, firstDay: '2004-01-01', lastDay: '2026-12-31' } });
    expect(res.json().message).toContain(date);
  });

  it('is for administrators only, and nothing is written when refused', async () => {
    const res = await agent.put('/api/calendar/days/2026-12-10', { workday: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ROLE_REQUIRED');
    expect(await auditOf('calendar.day.set', '2026-12-10')).toHaveLength(0);
    const listed = await agent.get('/api/calendar/days?from=2026-12-10&to=2026-12-10');
    expect(day(listed, '2026-12-10')).toMatchObject({ workday: true, source: 'package' });
  });

  it('is for an administrator of the whole province, not of one city', async () => {
    const [city] = await t.db.select().from(users).where(eq(users.username, 'city'));
    await t.db.insert(roleAssignments).values({ userId: city!.id, role: 'administrator', unitId: city!.unitId });
    const cityAdmin = await t.login('city');
    const assignment = cityAdmin.session.assignments.find((a) => a.role === 'administrator')!;
    expect((await cityAdmin.post('/api/auth/session/role', { assignmentId: assignment.assignmentId })).statusCode).toBe(200);
    const res = await cityAdmin.put('/api/calendar/days/2026-12-10', { workday: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CALENDAR_ROOT_ADMIN_REQUIRED');
  });
});

describe('setWorkingHours', () => {
  it('validates, versions and audits the working hours, and deadlines follow them', async () => {
    const calendar = createCalendarService({ db: t.db, clock: t.clock });
    const periods = [
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ];
    const stale = await admin.put('/api/calendar/working-hours', { periods, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');

    const ok = await admin.put('/api/calendar/working-hours', { periods, version: 0 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ periods, version: 1 });
    expect((await agent.get('/api/calendar/days?from=2026-12-01&to=2026-12-01')).json().workingHours).toEqual({ periods, version: 1 });
    expect(await calendar.deadline(at('2026-11-25 10:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2026-11-26 18:00'));

    const again = await admin.put('/api/calendar/working-hours', { periods, version: 0 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('VERSION_CONFLICT');

    const [event] = await auditOf('calendar.working_hours.set', 'calendar.working_hours');
    expect(event!.before).toEqual({
      periods: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      version: 0,
    });
    expect(event!.after).toEqual({ periods, version: 1 });

    const restored = await admin.put('/api/calendar/working-hours', {
      periods: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      version: 1,
    });
    expect(restored.json().version).toBe(2);
  });

  it.each([
    [
      {
        periods: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '17:30' },
        ],
        version: 2,
      },
      'CALENDAR_WORKING_HOURS_INVALID',
      'body.periods',
    ],
    [
      {
        periods: [
          { start: '13:30', end: '17:30' },
          { start: '09:00', end: '12:00' },
        ],
        version: 2,
      },
      'CALENDAR_WORKING_HOURS_INVALID',
      'body.periods',
    ],
    [{ periods: [{ start: '17:30', end: '09:00' }], version: 2 }, 'CALENDAR_WORKING_HOURS_INVALID', 'body.periods'],
    [{ periods: [{ start: '9:00', end: '12:00' }], version: 2 }, 'VALIDATION_FAILED', 'body.periods.0.start'],
    [{ periods: [{ start: '09:00', end: '24:00' }], version: 2 }, 'VALIDATION_FAILED', 'body.periods.0.end'],
    [{ periods: [], version: 2 }, 'VALIDATION_FAILED', 'body.periods'],
    [{ periods: [{ start: '09:00', end: '12:00' }] }, 'VALIDATION_FAILED', 'body.version'],
    [{ periods: [{ start: '09:00', end: '12:00', lunch: true }], version: 2 }, 'VALIDATION_FAILED', 'body.periods.0.lunch'],
  ])('refuses %j with 400 %s', async (body, code, field) => {
    const res = await admin.put('/api/calendar/working-hours', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
    expect(res.json().details.fields[0].field).toBe(field);
  });

  it('is for administrators only', async () => {
    const res = await agent.put('/api/calendar/working-hours', { periods: [{ start: '09:00', end: '17:00' }], version: 2 });
    expect(res.statusCode).toBe(403);
  });
});

describe('importCalendarYear', () => {
  it.each([
    [{ ...notice2027, holidays: [{ date: '2028-01-01', name: '元旦' }] }, 'CALENDAR_IMPORT_INVALID', 'body.holidays.0.date'],
    [{ ...notice2027, makeupDays: [{ date: '2027-02-09', name: '春节' }] }, 'CALENDAR_IMPORT_INVALID', 'body.makeupDays.0.date'],
    [{ ...notice2027, holidays: [{ date: '2027-02-29', name: '春节' }] }, 'VALIDATION_FAILED', 'body.holidays.0.date'],
    [{ ...notice2027, holidays: [] }, 'VALIDATION_FAILED', 'body.holidays'],
    [{ ...notice2027, year: '2027' }, 'VALIDATION_FAILED', 'body.year'],
    [{ ...notice2027, guess: 'mon-fri' }, 'VALIDATION_FAILED', 'body.guess'],
  ])('refuses %j with 400 %s', async (body, code, field) => {
    const res = await admin.post('/api/calendar/years', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
    expect(res.json().details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('says the plan’s problems in English for an English interface: the summary and each field', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: testPassword } });
    const c = login.cookies.find((x) => x.name === 'hotline_session')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/years',
      payload: { ...notice2027, makeupDays: [{ date: '2027-02-09', name: '春节' }] },
      headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en' },
    });
    // 2027-02-09 is a day off of the notice already.
    const both = '2027-02-09 is also among the days off';
    expect(res.json()).toMatchObject({
      code: 'CALENDAR_IMPORT_INVALID',
      message: `The holiday plan is wrong: body.makeupDays.0.date: ${both}`,
      details: { fields: [{ field: 'body.makeupDays.0.date', message: both }] },
    });
  });

  it('refuses a year already covered and a year that would leave a gap', async () => {
    const exists = await admin.post('/api/calendar/years', { ...notice2027, year: 2026, holidays: [{ date: '2026-10-01', name: '国庆节' }], makeupDays: [] });
    expect(exists.statusCode).toBe(409);
    expect(exists.json().code).toBe('CALENDAR_YEAR_EXISTS');
    const gap = await admin.post('/api/calendar/years', { year: 2029, holidays: [{ date: '2029-01-01', name: '元旦' }], makeupDays: [] });
    expect(gap.statusCode).toBe(422);
    expect(gap.json().code).toBe('CALENDAR_YEAR_NOT_ADJACENT');
  });

  it('is for administrators only', async () => {
    expect((await agent.post('/api/calendar/years', notice2027)).statusCode).toBe(403);
  });

  it('enters 2027 so a deadline computed through the service reaches into it', async () => {
    const calendar = createCalendarService({ db: t.db, clock: t.clock });
    // Provisional 2027: the Spring Festival rests 5–10 February (4 days and two made up for the weekend), no make-up day.
    expect(await calendar.deadline(at('2027-02-04 10:00'), { amount: 2, unit: 'working_days' })).toEqual(at('2027-02-12 17:30'));
    const err = await rejection(calendar.deadline(at('2027-12-30 10:00'), { amount: 5, unit: 'working_days' }));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: 'unprocessable', code: 'CALENDAR_NOT_COVERED', details: { date: '2028-01-01', lastDay: '2027-12-31' } });

    const res = await admin.post('/api/calendar/years', notice2027);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ year: 2027, days: 365, workdays: 261 - 8 + 1, coverage: { lastDay: '2027-12-31', warning: null } });

    // This process's copy is kept for up to a minute; then it reads the new year.
    expect(await calendar.deadline(at('2027-02-04 10:00'), { amount: 2, unit: 'working_days' })).toEqual(at('2027-02-12 17:30'));
    t.clock.advance(60_000);
    expect(await calendar.deadline(at('2026-12-30 10:00'), { amount: 5, unit: 'working_days' })).toEqual(at('2027-01-07 17:30'));
    expect(await calendar.deadline(at('2027-02-04 10:00'), { amount: 2, unit: 'working_days' })).toEqual(at('2027-02-16 17:30'));
    expect(await calendar.deadline(at('2027-02-19 10:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2027-02-20 17:30'));

    const listed = await agent.get('/api/calendar/days?year=2027');
    expect(day(listed, '2027-02-20')).toEqual({ date: '2027-02-20', workday: true, holidayName: '春节', makeup: true, source: 'import', note: null });
    expect(day(listed, '2027-01-02')).toMatchObject({ workday: false, holidayName: null });

    const [event] = await auditOf('calendar.year.import', '2027');
    expect(event).toMatchObject({ actorUsername: 'admin', before: null });
    expect(event!.after).toMatchObject({ year: 2027, days: 365, makeupDays: notice2027.makeupDays });

    const health = (await t.anonymous().get('/api/health')).json();
    expect(health.calendar).toMatchObject({ lastDay: '2027-12-31', warning: null });

    // Days of the new year can now be overridden one by one.
    expect((await admin.put('/api/calendar/days/2027-03-01', { workday: true, note: '核对通知' })).statusCode).toBe(200);
  });

  it('drops its cached calendar at once when the write goes through it', async () => {
    const auth = createAuthService({ db: t.db, config: t.config, clock: t.clock });
    const meta = { ip: null, userAgent: null };
    const actor = (await auth.actorFromSession((await auth.login('admin', testPassword, meta)).token, meta))!;
    const calendar = createCalendarService({ db: t.db, clock: t.clock });
    expect(await calendar.current()).toMatchObject({ lastDay: '2028-12-31', provisionalFrom: '2028-01-01' });
    await calendar.importYear(actor, { year: 2028, holidays: [{ date: '2028-01-01', name: '元旦' }], makeupDays: [] });
    expect(await calendar.current()).toMatchObject({ lastDay: '2029-12-31', provisionalFrom: '2029-01-01' });
    await calendar.setDay(actor, '2028-01-03', { workday: false, holidayName: '示例' });
    expect(await calendar.deadline(at('2027-12-31 10:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2028-01-04 17:30'));
  });

  it('lets only one of two simultaneous imports of a year in', async () => {
    const body = { year: 2029, holidays: [{ date: '2029-01-01', name: '元旦' }], makeupDays: [] };
    const results = await Promise.all([admin.post('/api/calendar/years', body), admin.post('/api/calendar/years', body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await auditOf('calendar.year.import', '2029')).toHaveLength(1);
    const listed = (await agent.get('/api/calendar/days?year=2029')).json();
    expect(listed.days).toHaveLength(365);
  });
});

describe('the package calendar at every start', () => {
  it('writes nothing when every day is there, adds back a day that is missing, and leaves a changed day alone', async () => {
    const { seedCalendarFromPackage } = await import('./calendar.seed.js');
    const { calendarDays } = await import('./calendar.tables.js');
    const now = at('2026-11-25 10:00');
    expect(await seedCalendarFromPackage(t.db, now)).toEqual({ inserted: 0 });
    const [kept] = await t.db.select().from(calendarDays).where(eq(calendarDays.day, '2026-05-06'));
    await t.db.update(calendarDays).set({ workday: !kept!.workday, source: 'admin' }).where(eq(calendarDays.day, '2026-05-06'));
    await t.db.delete(calendarDays).where(eq(calendarDays.day, '2015-03-02'));
    expect(await seedCalendarFromPackage(t.db, now)).toEqual({ inserted: 1 });
    const [back] = await t.db.select().from(calendarDays).where(eq(calendarDays.day, '2015-03-02'));
    expect(back).toMatchObject({ workday: true, source: 'package' });
    const [changed] = await t.db.select().from(calendarDays).where(eq(calendarDays.day, '2026-05-06'));
    expect(changed).toMatchObject({ workday: !kept!.workday, source: 'admin' });
    await t.db.update(calendarDays).set({ workday: kept!.workday, source: kept!.source }).where(eq(calendarDays.day, '2026-05-06'));
  });
});
