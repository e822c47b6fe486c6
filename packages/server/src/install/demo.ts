import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password.js';
import type { Role } from '../auth/roles.js';
import type { Db } from '../platform/db/client.js';
import { divisionsOf } from '../units/divisions/divisions.js';
import { units } from '../units/units.tables.js';
import { roleAssignments, users } from '../users/users.tables.js';

/** The demo users' password, documented in the README. Demo installations only. */
export const demoPassword = 'Demo12351';

/** Two counties of the first city get their towns and streets and some enterprise unions in the demo. */
export function demoTownCounties(province: string): string[] {
  const { cities, counties } = divisionsOf(province);
  const first = cities[0]?.code ?? province;
  return counties
    .filter((c) => c.parentCode === first)
    .slice(0, 2)
    .map((c) => c.code);
}

/** Fictitious employers: the demo must not name real companies. */
const demoEnterprises = [
  '恒泰建筑劳务有限公司',
  '鑫源物业服务有限公司',
  '北疆乳业有限公司',
  '城联公交客运有限公司',
  '顺达快递服务有限公司',
  '瑞丰商贸有限公司',
];

type DemoUser = { username: string; displayName: string; role: Role; at: (u: Located) => string; kind?: 'integration'; startPage?: string };
type Located = { root: string; centre: string; studio: string; city: string; county: string; county2: string; otherCounty: string; gov12345: string };

const demoUsers: DemoUser[] = [
  { username: 'agent', displayName: '王晓燕（接线员）', role: 'agent', at: (u) => u.centre },
  { username: 'lawyer', displayName: '李明律师', role: 'lawyer', at: (u) => u.studio },
  { username: 'dispatcher', displayName: '赵建国（派单员）', role: 'dispatcher', at: (u) => u.centre },
  { username: 'supervisor', displayName: '孙丽（督办员）', role: 'supervisor', at: (u) => u.centre },
  { username: 'handler', displayName: '刘强（区县办理员）', role: 'handler', at: (u) => u.county },
  { username: 'handler2', displayName: '周敏（另一区县办理员）', role: 'handler', at: (u) => u.otherCounty },
  { username: 'mediator', displayName: '陈静（调解员）', role: 'mediator', at: (u) => u.studio },
  { username: 'inspector', displayName: '吴芳（质检员）', role: 'inspector', at: (u) => u.centre },
  // An agent who does the callbacks: starts on the callback queue (her own 设为首页), not at the intake console.
  { username: 'callback', displayName: '郑红（回访员）', role: 'agent', at: (u) => u.centre, startPage: '/orders?view=to_callback' },
  { username: 'leader', displayName: '马志远（领导）', role: 'leader', at: (u) => u.root },
  { username: 'auditor', displayName: '何平（审计员）', role: 'auditor', at: (u) => u.root },
  { username: 'city', displayName: '高峰（市总派单员）', role: 'dispatcher', at: (u) => u.city },
  { username: 'editor', displayName: '冯雪（知识库编辑）', role: 'editor', at: (u) => u.centre },
  { username: 'editor2', displayName: '蒋涛（知识库审核）', role: 'editor', at: (u) => u.root },
  { username: 'api12345', displayName: '12345 政务热线接口', role: 'integration', at: (u) => u.gov12345, kind: 'integration' },
];

/** The demo installation: one person per role (plus a second county's handler and a city dispatcher), and enterprise unions. */
export async function installDemo(db: Db, province: string, now: Date): Promise<void> {
  const { cities, counties } = divisionsOf(province);
  const [c1, c2] = demoTownCounties(province);
  const other = counties.find((c) => c.parentCode !== cities[0]?.code)?.code ?? counties[2]?.code;
  const all = await db.select().from(units);
  const byDivision = (code: string | undefined) => all.find((u) => u.divisionCode === code && u.type !== 'park_union');
  const byType = (type: string) => all.find((u) => u.type === type);
  const root = byDivision(province)!;
  const located: Located = {
    root: root.id,
    centre: byType('hotline_centre')!.id,
    studio: byType('lawyer_studio')!.id,
    city: byDivision(cities[0]?.code)?.id ?? root.id,
    county: byDivision(c1)!.id,
    county2: byDivision(c2)?.id ?? byDivision(c1)!.id,
    otherCounty: byDivision(other)!.id,
    gov12345: byType('gov_hotline')!.id,
  };
  // The second role of the city dispatcher shows switching between roles.
  const extraRoles: { username: string; role: Role; unit: string }[] = [{ username: 'city', role: 'handler', unit: located.city }];
  const passwordHash = await hashPassword(demoPassword);

  await db.transaction(async (tx) => {
    // Enterprise unions under the two demo counties' towns and the counties themselves.
    const towns = await tx
      .select()
      .from(units)
      .where(and(eq(units.type, 'town_union'), inArray(units.parentId, [located.county, located.county2])));
    const parents = [located.county, located.county2, ...towns.slice(0, 4).map((t) => t.id)];
    const rows = demoEnterprises.map((name, i) => {
      const parent = all.find((u) => u.id === parents[i % parents.length]) ?? towns.find((t) => t.id === parents[i % parents.length])!;
      const id = crypto.randomUUID();
      const cityName = all.find((u) => u.id === located.city)?.name.replace(/总工会$/, '') ?? '';
      return {
        id,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        type: 'enterprise_union',
        name: `${cityName}${name}工会`,
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      };
    });
    await tx.insert(units).values(rows);
    // A desk phone for every union of a division (federations, and the street, town and park unions below them) and
    // for the hotline centre: the phone task page (电话督办) is a list of units to call, and without a number each row
    // said 未登记联系电话. Made up, one per division code; the centre answers on 12351. An enterprise union has no
    // division and no desk phone here. A real installation enters its own (units page, or units:import).
    await tx
      .update(units)
      .set({
        contactPhone: sql`case when ${units.type} = 'hotline_centre' then '12351' else '0471' || '8' || right(${units.divisionCode}, 6) end`,
        updatedAt: now,
      })
      .where(
        and(
          isNull(units.contactPhone),
          sql`(${units.type} = 'hotline_centre' or (${units.divisionCode} is not null and (${units.type} like '%federation' or ${units.type} like '%union')))`,
        ),
      );

    for (const u of demoUsers) {
      const unitId = u.at(located);
      const [row] = await tx
        .insert(users)
        .values({
          username: u.username,
          displayName: u.displayName,
          kind: u.kind ?? 'person',
          unitId,
          passwordHash: u.kind === 'integration' ? null : passwordHash,
          phone: u.kind === 'integration' ? null : `1380471${String(demoUsers.indexOf(u)).padStart(4, '0')}`,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(roleAssignments).values({ userId: row!.id, role: u.role, unitId, startPage: u.startPage ?? null, createdAt: now });
      for (const extra of extraRoles.filter((e) => e.username === u.username)) {
        await tx.insert(roleAssignments).values({ userId: row!.id, role: extra.role, unitId: extra.unit, createdAt: now });
      }
    }
  });
}
