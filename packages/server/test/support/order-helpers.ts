import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import type { Role } from '../../src/auth/roles.js';
import { units } from '../../src/units/units.tables.js';
import { roleAssignments, users } from '../../src/users/users.tables.js';
import type { TestApp } from './test-app.js';

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
