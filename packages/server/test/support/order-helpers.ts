import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import type { Role } from '../../src/auth/roles.js';
import { units } from '../../src/units/units.tables.js';
import { roleAssignments, users } from '../../src/users/users.tables.js';
import { createTestApp, type TestApp } from './test-app.js';

export type Client = Awaited<ReturnType<TestApp['login']>>;

export async function unitByName(t: TestApp, name: string) {
  const [u] = await t.db.select().from(units).where(eq(units.name, name));
  if (!u) throw new Error(`no unit named ${name}`);
  return u;
}

export async function unitByDivision(t: TestApp, type: string, code: string) {
  const [u] = await t.db
    .select()
    .from(units)
    .where(and(eq(units.type, type), eq(units.divisionCode, code)));
  if (!u) throw new Error(`no ${type} ${code}`);
  return u;
}

/**
 * The demo installation with the people an order meets on its way, logged in: the hotline centre's agent (intake) and
 * dispatcher, the handler of 新城区总工会 (the county federation of division 150102, returned as `county`: where the
 * orders are dispatched to), the centre's supervisor and the province federation's leader. Their sessions last
 * `sessionDays`, idle and in all, so a test may move the clock that far without logging in again.
 */
export async function createOrderTeam(opts: { at: string; sessionDays: number }) {
  const t = await createTestApp({ at: opts.at, config: { sessionIdleMinutes: opts.sessionDays * 24 * 60, sessionMaxHours: opts.sessionDays * 24 } });
  const [agent, dispatcher, handler, supervisor, leader] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('supervisor'),
    t.login('leader'),
  ]);
  const county = await unitByDivision(t, 'county_federation', '150102');
  return { t, agent, dispatcher, handler, supervisor, leader, county };
}

/** A Beijing wall-clock time ("2026-12-03T09:00:00") as its instant: the hotline's days and deadlines are Beijing's. */
export const beijing = (local: string) => new Date(`${local}+08:00`);

/** Moves the test clock to a Beijing time and runs the jobs due then, as the runner's poll would. */
export async function runJobsAt(t: TestApp, local: string) {
  t.clock.set(beijing(local));
  return t.app.jobs.runDue();
}

/** A person with one role at a unit, inserted directly (the users API is tested on its own). */
export async function addPerson(t: TestApp, username: string, role: Role, unitId: string, password = 'Person2026') {
  const now = t.clock.now();
  const [u] = await t.db
    .insert(users)
    .values({ username, displayName: `${username} 测试`, unitId, passwordHash: await hashPassword(password), createdAt: now, updatedAt: now })
    .returning();
  await t.db.insert(roleAssignments).values({ userId: u!.id, role, unitId, createdAt: now });
  return t.login(username, password);
}

/** Asserts a 2xx and returns the JSON body, printing the body on failure so a broken step says why. */
export async function ok<T = any>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) expect.fail(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}
