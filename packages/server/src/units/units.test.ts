import { and, desc, eq, isNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, ok, unitByDivision, unitByName, type Client } from '../../test/support/order-helpers.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { createTestDatabase } from '../../test/support/test-db.js';
import { auditEvents } from '../audit/audit.tables.js';
import type { Database } from '../platform/db/client.js';
import { divisionsOf, townsOf } from './divisions/divisions.js';
import { importProvince } from './divisions/import-province.js';
import { buildProvinceTree } from './divisions/province-tree.js';
import { externalUnitTypes } from './domain/unit-types.js';
import { units } from './units.tables.js';

type View = {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  divisionCode: string | null;
  active: boolean;
  version: number;
  depth: number;
  external: boolean;
  childCount: number;
};

let t: TestApp;
let admin: Client;
let root: typeof units.$inferSelect;
let city: typeof units.$inferSelect;
let county: typeof units.$inferSelect;
let county2: typeof units.$inferSelect;

const list = async (c: Client, query = '') => ok<{ items: View[]; total: number }>(c.get(`/api/units?limit=1000${query}`));
const rowsUnder = (path: string) =>
  t.db
    .select()
    .from(units)
    .where(like(units.path, `${path}%`));
const rowOf = async (id: string) => (await t.db.select().from(units).where(eq(units.id, id)))[0]!;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  root = await unitByDivision(t, 'province_federation', '150000');
  city = await unitByDivision(t, 'city_federation', '150100');
  county = await unitByDivision(t, 'county_federation', '150102');
  county2 = await unitByDivision(t, 'county_federation', '150103');
});
afterAll(() => t.close());

describe('the Inner Mongolia demo tree', () => {
  it('has the 12 leagues/cities and 103 banners/counties under 内蒙古自治区总工会', async () => {
    const { items, total } = await list(admin);
    expect(total).toBe(items.length);
    expect(root.name).toBe('内蒙古自治区总工会');
    const cities = items.filter((u) => u.type === 'city_federation');
    expect(cities).toHaveLength(12);
    expect(cities.every((c) => c.parentId === root.id && c.depth === 1)).toBe(true);
    expect(cities.map((c) => c.name)).toContain('锡林郭勒盟总工会');
    const counties = items.filter((u) => u.type === 'county_federation');
    expect(counties).toHaveLength(103);
    const cityIds = new Set(cities.map((c) => c.id));
    expect(counties.every((c) => cityIds.has(c.parentId!) && c.depth === 2)).toBe(true);
    // Development zones (codes ending 71–79) are not counties.
    expect(counties.some((c) => /7[1-9]$/.test(c.divisionCode!))).toBe(false);
    expect(items.find((u) => u.id === city.id)!.childCount).toBe(divisionsOf('150000').counties.filter((c) => c.parentCode === '150100').length + 1);
  });

  it('keeps the 5 development zones apart, as parks under their city', async () => {
    const { items } = await list(admin, '&type=park_union');
    expect(items).toHaveLength(5);
    const zone = items.find((u) => u.name === '呼和浩特经济技术开发区工会')!;
    expect(zone).toMatchObject({ divisionCode: '150172', parentId: city.id, typeName: '园区工会' });
    expect(items.find((u) => u.divisionCode === '152571')!.name).toBe('乌拉盖管理区工会');
  });

  it('has the provincial bodies beside the tree, towns under two counties and enterprise unions', async () => {
    const { items } = await list(admin, `&parentId=${root.id}`);
    for (const type of ['hotline_centre', 'department', 'affiliated_unit', 'lawyer_studio']) expect(items.map((u) => u.type)).toContain(type);
    const towns1 = await list(admin, `&parentId=${county.id}&type=town_union`);
    const towns2 = await list(admin, `&parentId=${county2.id}&type=town_union`);
    expect(towns1.items).toHaveLength(townsOf('150102').length);
    expect(towns2.items).toHaveLength(townsOf('150103').length);
    expect(towns1.items.length).toBeGreaterThan(5);
    const enterprises = (await list(admin, '&type=enterprise_union')).items;
    expect(enterprises.length).toBeGreaterThanOrEqual(6);
    const underCounty = async (c: { path: string }) => (await rowsUnder(c.path)).filter((u) => u.type === 'enterprise_union').length;
    expect(await underCounty(county)).toBeGreaterThan(0);
    expect(await underCounty(county2)).toBeGreaterThan(0);
  });

  it('lists the external collaborators as roots outside the tree, to every role', async () => {
    const handler = await t.login('handler');
    const { items } = await list(handler, '&includeExternal=true');
    const external = items.filter((u) => u.external);
    expect(external.map((u) => u.type).sort()).toEqual([...externalUnitTypes].filter((x) => x !== 'local_platform').sort());
    expect(external.every((u) => u.parentId === null && u.depth === 0)).toBe(true);
    expect(external.find((u) => u.type === 'gov_hotline')!.name).toBe('内蒙古自治区12345政务服务便民热线');
    expect((await list(handler, '&includeExternal=false')).items.some((u) => u.external)).toBe(false);
    expect((await list(handler)).items.filter((u) => u.external)).toHaveLength(external.length);
  });

  it('finds units by name or division code', async () => {
    expect((await list(admin, `&q=${encodeURIComponent('新城')}`)).items.map((u) => u.id)).toContain(county.id);
    expect((await list(admin, '&q=150102&type=county_federation')).items.map((u) => u.id)).toEqual([county.id]);
    expect((await list(admin, `&q=${encodeURIComponent('100%_')}`)).items).toEqual([]);
  });
});

describe('access follows the tree', () => {
  it('shows a county handler only their county and 404s another county', async () => {
    const handler = await t.login('handler');
    const { items } = await list(handler, '&includeExternal=false');
    const inCounty = new Set((await rowsUnder(county.path)).map((u) => u.id));
    expect(items.length).toBe(inCounty.size);
    expect(items.every((u) => inCounty.has(u.id))).toBe(true);
    const other = await handler.get(`/api/units/${county2.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('UNIT_NOT_FOUND');
    expect((await handler.get(`/api/units?parentId=${city.id}`)).statusCode).toBe(404);
    // The breadcrumb stops at the edge of the handler's scope.
    const town = (await list(handler, '&type=town_union')).items[0]!;
    const detail = await ok(handler.get(`/api/units/${town.id}`));
    expect(detail.ancestors.map((a: { id: string }) => a.id)).toEqual([county.id]);
    const gov = (await list(handler, '&type=gov_hotline')).items[0]!;
    expect((await handler.get(`/api/units/${gov.id}`)).statusCode).toBe(200);
  });

  it('shows the city dispatcher the whole city and not another city', async () => {
    const c = await t.login('city');
    const { items } = await list(c, '&includeExternal=false');
    expect(items.length).toBe((await rowsUnder(city.path)).length);
    expect(items.map((u) => u.id)).toEqual(expect.arrayContaining([county.id, county2.id]));
    expect(items.filter((u) => u.type === 'county_federation')).toHaveLength(divisionsOf('150000').counties.filter((x) => x.parentCode === '150100').length);
    const baotouCounty = await unitByDivision(t, 'county_federation', '150202');
    expect((await c.get(`/api/units/${baotouCounty.id}`)).statusCode).toBe(404);
    expect(items.some((u) => u.id === baotouCounty.id)).toBe(false);
    const detail = await ok(c.get(`/api/units/${county.id}`));
    expect(detail.ancestors.map((a: { name: string }) => a.name)).toEqual(['呼和浩特市总工会']);
  });

  it('lets the hotline centre act for the whole province', async () => {
    const agent = await t.login('agent');
    const baotouCounty = await unitByDivision(t, 'county_federation', '150202');
    const detail = await ok(agent.get(`/api/units/${baotouCounty.id}`));
    expect(detail.ancestors.map((a: { type: string }) => a.type)).toEqual(['province_federation', 'city_federation']);
  });
});

describe('administrators keep the tree', () => {
  let town: typeof units.$inferSelect;
  let enterprise: View;

  beforeAll(async () => {
    town = (
      await t.db
        .select()
        .from(units)
        .where(and(eq(units.type, 'town_union'), eq(units.parentId, county.id)))
    )[0]!;
  });

  it('creates an enterprise union with leaders and contacts, and audits it', async () => {
    enterprise = await ok(
      admin.post('/api/units', {
        parentId: town.id,
        type: 'enterprise_union',
        name: '呼和浩特市测试机械制造有限公司工会',
        leaders: [{ name: '张伟', title: '工会主席', phone: '139-4710-0000' }],
        contactPhone: '0471-6612351',
        email: 'union@example.cn',
      }),
      201,
    );
    expect(enterprise).toMatchObject({
      parentId: town.id,
      depth: town.depth + 1,
      typeName: '企业工会',
      active: true,
      version: 1,
      childCount: 0,
      external: false,
    });
    expect((await ok(admin.get(`/api/units/${enterprise.id}`))).leaders).toEqual([{ name: '张伟', title: '工会主席', phone: '13947100000' }]);
    expect((await rowOf(enterprise.id)).path).toBe(`${town.path}${enterprise.id}/`);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'create_unit'), eq(auditEvents.targetId, enterprise.id)));
    expect(event!.scopePath).toBe(`${town.path}${enterprise.id}/`);
    expect(event!.after).toMatchObject({ name: '呼和浩特市测试机械制造有限公司工会', contactPhone: '04716612351' });
  });

  it('creates a town union with its GB/T 2260 code and an external collaborator without a parent', async () => {
    const yuquan = await unitByDivision(t, 'county_federation', '150104');
    const street = townsOf('150104')[0]!;
    const created = await ok(admin.post('/api/units', { parentId: yuquan.id, type: 'town_union', name: `${street.name}工会`, divisionCode: street.code }), 201);
    expect(created).toMatchObject({ divisionCode: street.code, parentId: yuquan.id, depth: 3 });
    const hr = await ok(admin.post('/api/units', { type: 'hr_bureau', name: '呼和浩特市人力资源和社会保障局', divisionCode: '150100' }), 201);
    expect(hr).toMatchObject({ parentId: null, depth: 0, external: true });
    expect((await list(await t.login('handler'), '&type=hr_bureau')).items.map((u) => u.id)).toContain(hr.id);
  });

  it('refuses duplicates, wrong places, unknown codes and other roles', async () => {
    const cases: [unknown, number, string][] = [
      [{ parentId: city.id, type: 'county_federation', name: '新城区总工会（重复）', divisionCode: '150102' }, 409, 'UNIT_DUPLICATE_DIVISION'],
      [{ parentId: root.id, type: 'town_union', name: '某街道工会' }, 400, 'UNIT_PLACEMENT_INVALID'],
      [{ type: 'enterprise_union', name: '无上级企业工会' }, 400, 'UNIT_PLACEMENT_INVALID'],
      [{ type: 'province_federation', name: '另一个省总工会', divisionCode: '610000' }, 400, 'UNIT_PLACEMENT_INVALID'],
      [{ parentId: county.id, type: 'town_union', name: '不存在街道工会', divisionCode: '150102999' }, 400, 'UNIT_DIVISION_UNKNOWN'],
      [{ parentId: city.id, type: 'county_federation', name: '代码层级不对', divisionCode: '150100' }, 400, 'UNIT_DIVISION_LEVEL'],
      [{ parentId: county.id, type: 'town_union', name: '别区的街道工会', divisionCode: townsOf('150103')[0]!.code }, 400, 'UNIT_DIVISION_OUTSIDE_PARENT'],
      [{ parentId: town.id, type: 'enterprise_union', name: '呼和浩特市测试机械制造有限公司工会' }, 409, 'UNIT_DUPLICATE_NAME'],
      [{ parentId: crypto.randomUUID(), type: 'enterprise_union', name: '上级不存在' }, 404, 'UNIT_PARENT_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.post('/api/units', body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([status, code]);
    }
    const placement = await admin.post('/api/units', { parentId: root.id, type: 'town_union', name: '某街道工会' });
    expect(placement.json().details.fields[0]).toEqual({ field: 'body.type', message: '乡镇（街道）工会不能设在省（区、市）总工会之下' });
    const dispatcher = await t.login('dispatcher');
    const denied = await dispatcher.post('/api/units', { parentId: town.id, type: 'enterprise_union', name: '派单员建的工会' });
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'ROLE_REQUIRED']);
  });

  it('keeps a county administrator inside the county', async () => {
    await addPerson(t, 'county_admin', 'administrator', county.id);
    const countyAdmin = await t.login('county_admin', 'Person2026');
    const other = await countyAdmin.post('/api/units', { parentId: county2.id, type: 'enterprise_union', name: '越界企业工会' });
    expect([other.statusCode, other.json().code]).toEqual([404, 'UNIT_PARENT_NOT_FOUND']);
    const hr = await countyAdmin.post('/api/units', { type: 'court', name: '新城区人民法院' });
    expect([hr.statusCode, hr.json().code]).toEqual([400, 'UNIT_PLACEMENT_INVALID']);
    const rename = await countyAdmin.patch(`/api/units/${county2.id}`, { version: county2.version, name: '改名' });
    expect(rename.statusCode).toBe(404);
    const retireSelf = await countyAdmin.patch(`/api/units/${county.id}`, { version: (await rowOf(county.id)).version, active: false });
    expect([retireSelf.statusCode, retireSelf.json().code]).toEqual([409, 'UNIT_RETIRE_OWN']);
    const moveOut = await countyAdmin.post(`/api/units/${enterprise.id}/move`, { version: enterprise.version, parentId: county2.id });
    expect([moveOut.statusCode, moveOut.json().code]).toEqual([404, 'UNIT_PARENT_NOT_FOUND']);
  });

  it('renames with the version, refuses a stale one, and audits before and after', async () => {
    const renamed = await ok(
      admin.patch(`/api/units/${enterprise.id}`, { version: 1, name: '呼和浩特市测试机械有限公司工会', shortName: '测试机械工会', contactPhone: null }),
    );
    expect(renamed).toMatchObject({ version: 2, name: '呼和浩特市测试机械有限公司工会', shortName: '测试机械工会', contactPhone: null });
    const stale = await admin.patch(`/api/units/${enterprise.id}`, { version: 1, name: '又一个名字' });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'update_unit'), eq(auditEvents.targetId, enterprise.id)));
    expect(event!.before).toEqual({ name: '呼和浩特市测试机械制造有限公司工会', shortName: null, contactPhone: '04716612351' });
    expect(event!.after).toEqual({ name: '呼和浩特市测试机械有限公司工会', shortName: '测试机械工会', contactPhone: null });
    const same = await ok(admin.patch(`/api/units/${enterprise.id}`, { version: 2, leaders: [{ name: '张伟', title: '工会主席', phone: '13947100000' }] }));
    expect(same.version).toBe(2);
    enterprise = renamed;
  });

  it('retires children before parents, never deletes, and reactivates parents first', async () => {
    const hasChildren = await admin.patch(`/api/units/${town.id}`, { version: town.version, active: false });
    expect([hasChildren.statusCode, hasChildren.json().code]).toEqual([409, 'UNIT_HAS_ACTIVE_CHILDREN']);
    const lone = await ok(admin.post('/api/units', { parentId: county.id, type: 'community_union', name: '临时社区工会' }), 201);
    const retired = await ok(admin.patch(`/api/units/${lone.id}`, { version: 1, active: false }));
    expect(retired).toMatchObject({ active: false, version: 2 });
    expect((await list(admin, `&parentId=${county.id}&active=false`)).items.map((u) => u.id)).toEqual([lone.id]);
    expect((await ok(admin.get(`/api/units/${lone.id}`))).name).toBe('临时社区工会');
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'retire_unit'), eq(auditEvents.targetId, lone.id)));
    expect(event!.after).toEqual({ active: false });
    const under = await admin.post('/api/units', { parentId: lone.id, type: 'enterprise_union', name: '撤销单位下的工会' });
    expect([under.statusCode, under.json().code]).toEqual([400, 'UNIT_PARENT_RETIRED']);
    // A retired name is free again: history keeps the old unit under it.
    await ok(admin.post('/api/units', { parentId: county.id, type: 'community_union', name: '临时社区工会' }), 201);
    const back = await admin.patch(`/api/units/${lone.id}`, { version: 2, active: true });
    expect([back.statusCode, back.json().code]).toEqual([409, 'UNIT_DUPLICATE_NAME']);
  });

  it('moves a town with its enterprises in one go, and the handler loses sight of it', async () => {
    const before = await rowsUnder(town.path);
    expect(before.length).toBeGreaterThan(1);
    const moved = await ok(admin.post(`/api/units/${town.id}/move`, { version: town.version, parentId: county2.id }));
    expect(moved).toMatchObject({ parentId: county2.id, version: town.version + 1 });
    const newPath = `${county2.path}${town.id}/`;
    const after = await rowsUnder(newPath);
    expect(after.map((u) => u.id).sort()).toEqual(before.map((u) => u.id).sort());
    for (const u of after) {
      const old = before.find((b) => b.id === u.id)!;
      expect(u.path).toBe(newPath + old.path.slice(town.path.length));
      expect(u.depth).toBe(u.path.split('/').length - 3);
    }
    expect((await rowsUnder(town.path)).length).toBe(0);
    const handler = await t.login('handler');
    expect((await handler.get(`/api/units/${town.id}`)).statusCode).toBe(404);
    expect((await handler.get(`/api/units/${enterprise.id}`)).statusCode).toBe(404);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'move_unit')).orderBy(desc(auditEvents.id));
    expect(event).toMatchObject({
      targetId: town.id,
      before: { parentId: county.id },
      after: { parentId: county2.id },
      detail: `moved ${before.length} unit(s) with the subtree`,
    });
    const stale = await admin.post(`/api/units/${town.id}/move`, { version: town.version, parentId: county.id });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    town = await rowOf(town.id);
  });

  it("moves the handler's county to another city, and the handler's scope follows it", async () => {
    const baotou = await unitByDivision(t, 'city_federation', '150200');
    const current = await rowOf(county.id);
    await ok(admin.post(`/api/units/${county.id}/move`, { version: current.version, parentId: baotou.id }));
    const handler = await t.login('handler');
    const detail = await ok(handler.get(`/api/units/${county.id}`));
    expect(detail.depth).toBe(2);
    const { items } = await list(handler, '&includeExternal=false');
    expect(items.length).toBe((await rowsUnder(`${baotou.path}${county.id}/`)).length);
    expect((await t.login('city').then((c) => c.get(`/api/units/${county.id}`))).statusCode).toBe(404);
    const ancestors = (await ok(admin.get(`/api/units/${county.id}`))).ancestors.map((a: { name: string }) => a.name);
    expect(ancestors).toEqual(['内蒙古自治区总工会', '包头市总工会']);
    await ok(admin.post(`/api/units/${county.id}/move`, { version: current.version + 1, parentId: city.id }));
    expect((await rowOf(county.id)).path).toBe(`${city.path}${county.id}/`);
  });

  it('refuses cycles, roots, external units and wrong places', async () => {
    const court = await t.db
      .select()
      .from(units)
      .where(and(eq(units.type, 'court'), isNull(units.parentId)));
    const [countyTown] = await t.db
      .select()
      .from(units)
      .where(and(eq(units.type, 'town_union'), eq(units.parentId, county.id)));
    const c = await rowOf(city.id);
    const cases: [string, { version: number; parentId: string }, number, string][] = [
      [city.id, { version: c.version, parentId: county.id }, 400, 'UNIT_MOVE_CYCLE'],
      [city.id, { version: c.version, parentId: city.id }, 400, 'UNIT_MOVE_CYCLE'],
      [root.id, { version: 1, parentId: city.id }, 400, 'UNIT_MOVE_ROOT'],
      [court[0]!.id, { version: 1, parentId: city.id }, 400, 'UNIT_MOVE_EXTERNAL'],
      [county2.id, { version: (await rowOf(county2.id)).version, parentId: countyTown!.id }, 400, 'UNIT_PLACEMENT_INVALID'],
      [county2.id, { version: (await rowOf(county2.id)).version, parentId: town.id }, 400, 'UNIT_MOVE_CYCLE'],
      [county2.id, { version: (await rowOf(county2.id)).version, parentId: court[0]!.id }, 400, 'UNIT_PLACEMENT_INVALID'],
      [county2.id, { version: 1, parentId: crypto.randomUUID() }, 404, 'UNIT_PARENT_NOT_FOUND'],
      [crypto.randomUUID(), { version: 1, parentId: city.id }, 404, 'UNIT_NOT_FOUND'],
    ];
    for (const [id, body, status, code] of cases) {
      const res = await admin.post(`/api/units/${id}/move`, body);
      expect([res.statusCode, res.json().code], `${id} → ${body.parentId}`).toEqual([status, code]);
    }
    expect((await rowOf(city.id)).path).toBe(city.path);
  });
});

describe('bad input is a 4xx with a stable code, never a 500', () => {
  const long = '工'.repeat(61);
  it.each<[string, 'get' | 'post' | 'patch', string, unknown, number, string]>([
    ['unknown field on create', 'post', '/api/units', { type: 'enterprise_union', name: 'x', parentId: null, admin: true }, 400, 'VALIDATION_FAILED'],
    ['unknown type', 'post', '/api/units', { type: 'cooperative', name: '某合作社' }, 400, 'VALIDATION_FAILED'],
    ['name too long', 'post', '/api/units', { type: 'court', name: long }, 400, 'VALIDATION_FAILED'],
    ['blank name', 'post', '/api/units', { type: 'court', name: '   ' }, 400, 'VALIDATION_FAILED'],
    ['bad parent uuid', 'post', '/api/units', { type: 'enterprise_union', name: 'x', parentId: 'not-a-uuid' }, 400, 'VALIDATION_FAILED'],
    ['bad division code', 'post', '/api/units', { type: 'court', name: '某法院', divisionCode: '1501' }, 400, 'VALIDATION_FAILED'],
    ['bad phone', 'post', '/api/units', { type: 'court', name: '某法院', contactPhone: '12' }, 400, 'VALIDATION_FAILED'],
    [
      'bad leader phone',
      'post',
      '/api/units',
      { type: 'court', name: '某法院', leaders: [{ name: '王', title: '院长', phone: 'abc' }] },
      400,
      'VALIDATION_FAILED',
    ],
    ['bad email', 'post', '/api/units', { type: 'court', name: '某法院', email: 'nope' }, 400, 'VALIDATION_FAILED'],
    ['bad uuid in path', 'get', '/api/units/123', undefined, 400, 'VALIDATION_FAILED'],
    ['unknown unit', 'get', `/api/units/${crypto.randomUUID()}`, undefined, 404, 'UNIT_NOT_FOUND'],
    ['update without version', 'patch', `/api/units/${crypto.randomUUID()}`, { name: 'x' }, 400, 'VALIDATION_FAILED'],
    ['update unknown field', 'patch', `/api/units/${crypto.randomUUID()}`, { version: 1, divisionCode: '150102' }, 400, 'VALIDATION_FAILED'],
    ['update unknown unit', 'patch', `/api/units/${crypto.randomUUID()}`, { version: 1, name: 'x' }, 404, 'UNIT_NOT_FOUND'],
    ['move bad parent uuid', 'post', `/api/units/${crypto.randomUUID()}/move`, { version: 1, parentId: 'x' }, 400, 'VALIDATION_FAILED'],
    ['list unknown type', 'get', '/api/units?type=cooperative', undefined, 400, 'VALIDATION_FAILED'],
    ['list bad limit', 'get', '/api/units?limit=0', undefined, 400, 'VALIDATION_FAILED'],
    ['list bad flag', 'get', '/api/units?includeExternal=maybe', undefined, 400, 'VALIDATION_FAILED'],
    ['list unknown parameter', 'get', '/api/units?path=/', undefined, 400, 'VALIDATION_FAILED'],
    ['list unknown parent', 'get', `/api/units?parentId=${crypto.randomUUID()}`, undefined, 404, 'UNIT_NOT_FOUND'],
    ['divisions of no province', 'get', '/api/units/divisions?province=990000', undefined, 400, 'UNIT_PROVINCE_UNKNOWN'],
    ['divisions with a bad code', 'get', '/api/units/divisions?province=150100', undefined, 400, 'VALIDATION_FAILED'],
  ])('%s', async (_what, method, url, body, status, code) => {
    const res = method === 'get' ? await admin.get(url) : await admin[method](url, body);
    expect([res.statusCode, res.json().code], res.body).toEqual([status, code]);
  });

  it('names the offending field', async () => {
    const res = await admin.post('/api/units', { type: 'court', name: '工'.repeat(61) });
    expect(res.json().details.fields[0]).toEqual({ field: 'body.name', message: '单位名称不能超过 60 个字' });
  });

  it('asks for a login', async () => {
    expect((await t.anonymous().get('/api/units')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/units/divisions')).statusCode).toBe(401);
  });
});

describe('the division picker', () => {
  it("gives the installation's province as a cascader, zones marked", async () => {
    const tree = await ok(admin.get('/api/units/divisions'));
    expect(tree).toMatchObject({ code: '150000', name: '内蒙古自治区' });
    expect(tree.children).toHaveLength(12);
    const hohhot = tree.children.find((c: { code: string }) => c.code === '150100');
    expect(hohhot.children).toContainEqual({ code: '150172', name: '呼和浩特经济技术开发区', zone: true });
    expect(hohhot.children).toContainEqual({ code: '150102', name: '新城区', zone: false });
  });

  it("gives a municipality's districts directly under it, to any role", async () => {
    const tree = await ok((await t.login('handler')).get('/api/units/divisions?province=500000'));
    expect(tree.name).toBe('重庆市');
    expect(tree.children).toHaveLength(divisionsOf('500000').counties.length);
    expect(tree.children.map((c: { name: string }) => c.name)).not.toContain('市辖区');
  });
});

describe('building other provinces from the division data', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());
  const now = new Date('2026-11-25T02:00:00Z');
  const rowsOf = (path: string) =>
    database.db
      .select()
      .from(units)
      .where(like(units.path, `${path}%`));

  it('builds Shaanxi: 10 cities, 107 counties, districts included, once', async () => {
    const shaanxi = divisionsOf('610000');
    expect([shaanxi.cities.length, shaanxi.counties.length, shaanxi.zones.length]).toEqual([10, 107, 0]);
    const first = await buildProvinceTree(database.db, '610000', { now, townsUnder: ['610102'] });
    const tree = await rowsOf(`/${first.rootId}/`);
    expect(tree.find((u) => u.id === first.rootId)!.name).toBe('陕西省总工会');
    expect(tree.filter((u) => u.type === 'city_federation')).toHaveLength(10);
    expect(tree.filter((u) => u.type === 'county_federation')).toHaveLength(107);
    expect(tree.filter((u) => u.type === 'town_union')).toHaveLength(townsOf('610102').length);
    const yangling = tree.find((u) => u.divisionCode === '610403')!;
    expect(yangling.name).toBe('杨陵区总工会');
    expect(tree.find((u) => u.id === yangling.parentId)!.name).toBe('咸阳市总工会');
    const again = await buildProvinceTree(database.db, '610000', { now, townsUnder: ['610102'] });
    expect(again).toMatchObject({ rootId: first.rootId, created: 0 });
    // Bodies and collaborators are looked at only while the province is new; the places are counted as kept.
    expect(again.existing).toBe(1 + 10 + 107 + townsOf('610102').length);
  });

  it('builds Chongqing with its districts and counties directly under 重庆市总工会', async () => {
    const r = await buildProvinceTree(database.db, '500000', { now });
    const tree = await rowsOf(`/${r.rootId}/`);
    expect(tree.find((u) => u.id === r.rootId)!.name).toBe('重庆市总工会');
    expect(tree.filter((u) => u.type === 'city_federation')).toHaveLength(0);
    const counties = tree.filter((u) => u.type === 'county_federation');
    expect(counties).toHaveLength(38);
    expect(counties.every((c) => c.parentId === r.rootId)).toBe(true);
    expect(tree.some((u) => u.name.includes('市辖区'))).toBe(false);
    // One national platform serves every province.
    expect((await database.db.select().from(units).where(eq(units.type, 'national_platform'))).length).toBe(1);
  });

  it('keeps renamed and retired units when run again', async () => {
    const r = await buildProvinceTree(database.db, '500000', { now });
    const [centre] = await database.db
      .select()
      .from(units)
      .where(and(eq(units.type, 'hotline_centre'), eq(units.parentId, r.rootId)));
    await database.db.update(units).set({ name: '重庆市总工会职工服务热线中心' }).where(eq(units.id, centre!.id));
    const [yuzhong] = await database.db
      .select()
      .from(units)
      .where(and(eq(units.type, 'county_federation'), eq(units.divisionCode, '500103')));
    await database.db.update(units).set({ name: '渝中区总工会（新）', active: false }).where(eq(units.id, yuzhong!.id));
    expect((await buildProvinceTree(database.db, '500000', { now })).created).toBe(0);
    expect((await database.db.select().from(units).where(eq(units.type, 'hotline_centre'))).length).toBe(2);
    expect((await database.db.select().from(units).where(eq(units.id, yuzhong!.id)))[0]).toMatchObject({ name: '渝中区总工会（新）', active: false });
  });

  it('refuses an unknown province and a county of another province', async () => {
    await expect(buildProvinceTree(database.db, '990000', { now })).rejects.toThrow('未知的省级行政区划代码');
    await expect(buildProvinceTree(database.db, '610000', { now, townsUnder: ['150102'] })).rejects.toThrow('不是 陕西省 的区县');
  });
});

describe('importing another province into the running installation', () => {
  it('adds Shaanxi, makes the named administrator its administrator, and changes nothing the second time', async () => {
    const before = (await t.db.select().from(units)).length;
    const r = await importProvince(t.db, { province: '610000', towns: ['610102'], admin: 'admin', now: t.clock.now() });
    expect(r.adminGranted).toBe(true);
    expect((await t.db.select().from(units)).length).toBe(before + r.created);
    const again = await importProvince(t.db, { province: '610000', towns: ['610102'], admin: 'admin', now: t.clock.now() });
    expect([again.created, again.adminGranted]).toEqual([0, false]);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'import_units')).orderBy(desc(auditEvents.id));
    expect(event!.after).toMatchObject({ province: '610000', created: 0 });

    // Inner Mongolia's roles do not reach Shaanxi; the new administrator role does.
    const imAdmin = await t.login('admin');
    expect((await imAdmin.get(`/api/units/${r.rootId}`)).statusCode).toBe(404);
    const shaanxiRole = imAdmin.session.assignments.find((a) => a.unit.id === r.rootId)!;
    await ok(imAdmin.post('/api/auth/session/role', { assignmentId: shaanxiRole.assignmentId }));
    const { items } = await list(imAdmin, '&includeExternal=false');
    expect(items.filter((u) => u.type === 'county_federation')).toHaveLength(107);
    expect(items.some((u) => u.id === county.id)).toBe(false);
    const xian = await unitByName(t, '西安市总工会');
    await ok(imAdmin.post('/api/units', { parentId: xian.id, type: 'industry_federation', name: '西安市建筑行业工会联合会' }), 201);
  });

  it('rolls back everything when the administrator named does not exist', async () => {
    const before = (await t.db.select().from(units)).length;
    await expect(importProvince(t.db, { province: '500000', admin: 'nobody', now: t.clock.now() })).rejects.toThrow('没有名为 nobody 的人员账号');
    expect((await t.db.select().from(units)).length).toBe(before);
  });
});
