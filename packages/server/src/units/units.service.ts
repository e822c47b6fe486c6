import { isUniqueViolation } from '../platform/db/unique-violation.js';
import { recordAudit } from '../audit/audit.repo.js';
import { atProvinceRoot, pathInScope, scopeUnitIdOf, unitIdsOnPath } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { announcing, type ChangeBus } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { divisionTree, findDivision, provinceOf } from './divisions/divisions.js';
import { changedFields, divisionProblem, moveProblem, relocation, type UnitProblem } from './domain/unit-rules.js';
import { isExternalType, placementProblem, unitTypeNames, type UnitType } from './domain/unit-types.js';
import * as repo from './units.repo.js';
import type { UnitRow, UnitWithChildren } from './units.repo.js';
import type { CreateUnitInput, ListUnitsQuery, MoveUnitInput, UnitRef, UnitView, UpdateUnitInput } from './units.schemas.js';

export const unitNotFound = () => notFound('UNIT_NOT_FOUND', '单位不存在或不在您的管辖范围内');
const parentNotFound = () => notFound('UNIT_PARENT_NOT_FOUND', '上级单位不存在或不在您的管辖范围内');
const problemError = (p: UnitProblem) => invalid(p.code, p.message, [{ field: p.field, message: p.message }]);
const duplicateDivision = (code: string) =>
  conflict('UNIT_DUPLICATE_DIVISION', `已有同类型单位使用行政区划代码 ${code}`, { fields: [{ field: 'body.divisionCode', message: '该区划已有同类型单位' }] });
const duplicateName = (field: string) =>
  conflict('UNIT_DUPLICATE_NAME', '同一上级单位下已有同名的在用单位', { fields: [{ field, message: '同一上级单位下已有同名单位' }] });

const typeOf = (u: Pick<UnitRow, 'type'>) => u.type as UnitType;

/** jsonb keeps keys in its own order; one shape makes leaders comparable and the audit log readable. */
const canonicalLeaders = (leaders: UnitRow['leaders']) => leaders.map((l) => ({ name: l.name, title: l.title, ...(l.phone ? { phone: l.phone } : {}) }));

function toView(u: UnitWithChildren): UnitView {
  return {
    id: u.id,
    parentId: u.parentId,
    depth: u.depth,
    type: typeOf(u),
    typeName: unitTypeNames[typeOf(u)]?.zh ?? u.type,
    external: isExternalType(u.type),
    divisionCode: u.divisionCode,
    name: u.name,
    shortName: u.shortName,
    leaders: canonicalLeaders(u.leaders),
    contactPhone: u.contactPhone,
    address: u.address,
    email: u.email,
    active: u.active,
    sortOrder: u.sortOrder,
    childCount: u.childCount,
    version: u.version,
    updatedAt: u.updatedAt.toISOString(),
  };
}

const toRef = (u: UnitRow): UnitRef => ({ id: u.id, name: u.name, type: typeOf(u), typeName: unitTypeNames[typeOf(u)]?.zh ?? u.type, active: u.active });

/** What the audit log keeps of a unit. */
const snapshot = (u: Pick<UnitRow, 'name' | 'shortName' | 'leaders' | 'contactPhone' | 'address' | 'email' | 'active' | 'sortOrder'>) => ({
  name: u.name,
  shortName: u.shortName,
  leaders: canonicalLeaders(u.leaders),
  contactPhone: u.contactPhone,
  address: u.address,
  email: u.email,
  active: u.active,
  sortOrder: u.sortOrder,
});

/** A unit's events belong to it; an external collaborator's belong to the administrator who keeps the directory. */
const auditScopeFor = (actor: Actor, unit: Pick<UnitRow, 'id' | 'path'>) =>
  pathInScope(actor, unit.path) ? { unitId: unit.id, path: unit.path } : { unitId: scopeUnitIdOf(actor), path: actor.scopePath };

/** Units are changed only inside the administrator's own subtree; the shared external directory by a province's administrators. */
const mayChange = (actor: Actor, unit: Pick<UnitRow, 'path' | 'type'>) => pathInScope(actor, unit.path) || (atProvinceRoot(actor) && isExternalType(unit.type));
const retiredParent = (field: string, message: string) => invalid('UNIT_PARENT_RETIRED', message, [{ field, message: '上级单位已撤销' }]);

export function createUnitsService(deps: { db: Db; clock: Clock; bus?: ChangeBus | undefined }) {
  const { db, clock } = deps;

  async function requireVisible(executor: Executor, actor: Actor, id: string) {
    const unit = await repo.findVisibleUnit(executor, actor, id);
    if (!unit) throw unitNotFound();
    return unit;
  }

  async function requireManageable(executor: Executor, actor: Actor, id: string) {
    const unit = await requireVisible(executor, actor, id);
    if (!mayChange(actor, unit)) throw unitNotFound();
    return unit;
  }

  /** A parent must lie in the actor's subtree. An external collaborator is visible to everyone but nothing may stand under it: that is a placement error, said as one. */
  async function requireParent(actor: Actor, id: string) {
    const parent = await repo.findVisibleUnit(db, actor, id);
    if (!parent || (!pathInScope(actor, parent.path) && !isExternalType(parent.type))) throw parentNotFound();
    return parent;
  }

  /** The row locked for the transaction, still where the actor may change it, at the version the client saw. */
  async function lockForChange(tx: Executor, actor: Actor, id: string, version: number) {
    const [row] = await repo.lockUnits(tx, [id]);
    if (!row || !mayChange(actor, row)) throw unitNotFound();
    if (row.version !== version) throw staleVersion('单位信息');
    return row;
  }

  async function list(actor: Actor, q: ListUnitsQuery) {
    if (q.parentId) await requireVisible(db, actor, q.parentId);
    const { rows, total } = await repo.listVisibleUnits(db, actor, {
      parentId: q.parentId,
      q: q.q || undefined,
      type: q.type,
      active: q.active,
      includeExternal: q.includeExternal,
      limit: q.limit,
    });
    return { items: rows.map(toView), total };
  }

  async function get(actor: Actor, id: string) {
    const unit = await requireVisible(db, actor, id);
    const ancestorIds = unitIdsOnPath(unit.path).slice(0, -1);
    const found = new Map((await repo.findUnitsByIds(db, ancestorIds)).map((u) => [u.id, u]));
    const ancestors = ancestorIds
      .map((aid) => found.get(aid))
      .filter((a): a is UnitRow => !!a && pathInScope(actor, a.path))
      .map(toRef);
    return { ...toView(unit), ancestors };
  }

  async function create(actor: Actor, input: CreateUnitInput) {
    requireRole(actor, 'administrator');
    const parent = input.parentId ? await requireParent(actor, input.parentId) : null;
    const placement = placementProblem(input.type, parent ? typeOf(parent) : null);
    if (placement) throw problemError({ code: 'UNIT_PLACEMENT_INVALID', message: placement, field: input.parentId ? 'body.type' : 'body.parentId' });
    if (!parent) {
      if (input.type === 'province_federation') {
        throw problemError({ code: 'UNIT_PLACEMENT_INVALID', message: '省级总工会由行政区划导入命令（npm run units:import）建立', field: 'body.type' });
      }
      // The external directory is shared by the whole installation: kept by administrators of a whole province.
      if (!atProvinceRoot(actor)) throw problemError({ code: 'UNIT_PLACEMENT_INVALID', message: '外部协作单位只能由省级管理员添加', field: 'body.type' });
    }
    const retired = () => retiredParent('body.parentId', '上级单位已撤销，不能在其下新建单位');
    if (parent && !parent.active) throw retired();
    if (input.divisionCode) {
      const problem = divisionProblem(input.type, findDivision(input.divisionCode), parent?.divisionCode ?? null);
      if (problem) throw problemError(problem);
      if (await repo.findByDivision(db, input.type, input.divisionCode)) throw duplicateDivision(input.divisionCode);
    }
    if (await repo.findActiveSiblingNamed(db, parent?.id ?? null, input.name)) throw duplicateName('body.name');

    const now = clock.now();
    try {
      return await db.transaction(async (tx) => {
        // The parent may have moved or been retired since it was read: the new unit goes where the parent is now.
        const [at] = parent ? await repo.lockUnits(tx, [parent.id]) : [];
        if (parent && (!at || !pathInScope(actor, at.path))) throw parentNotFound();
        if (at && !at.active) throw retired();
        const id = crypto.randomUUID();
        const row = await repo.insertUnit(tx, {
          id,
          parentId: at?.id ?? null,
          path: `${at?.path ?? '/'}${id}/`,
          depth: at ? at.depth + 1 : 0,
          type: input.type,
          divisionCode: input.divisionCode ?? null,
          name: input.name,
          shortName: input.shortName ?? null,
          leaders: input.leaders ?? [],
          contactPhone: input.contactPhone ?? null,
          address: input.address ?? null,
          email: input.email ?? null,
          sortOrder: input.sortOrder ?? 0,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, {
          at: now,
          actor,
          action: 'create_unit',
          targetType: 'unit',
          targetId: id,
          scope: auditScopeFor(actor, row),
          after: { parentId: row.parentId, type: row.type, divisionCode: row.divisionCode, ...snapshot(row) },
        });
        return toView({ ...row, childCount: 0 });
      });
    } catch (err) {
      // Two administrators adding the same division at once: the index lets one through.
      if (isUniqueViolation(err, 'units_type_division_uq')) throw duplicateDivision(input.divisionCode ?? '');
      throw err;
    }
  }

  async function update(actor: Actor, id: string, input: UpdateUnitInput) {
    requireRole(actor, 'administrator');
    await requireManageable(db, actor, id);
    const { version, ...fields } = input;
    const now = clock.now();
    return db.transaction(async (tx) => {
      const unit = await lockForChange(tx, actor, id, version);
      const diff = changedFields(snapshot(unit), fields);
      if (!Object.keys(diff.after).length) return toView({ ...unit, childCount: await childCountOf(tx, actor, id) });

      if (diff.after.active === false) {
        if (unit.path === actor.scopePath || unit.id === actor.unitId) {
          throw conflict('UNIT_RETIRE_OWN', '不能撤销您当前角色所在的单位');
        }
        if ((await repo.activeDescendantCount(tx, unit.path)) > 0) {
          throw conflict('UNIT_HAS_ACTIVE_CHILDREN', '该单位还有在用的下级单位，请先撤销或移走下级单位');
        }
      }
      if (diff.after.active === true && unit.parentId) {
        const [parent] = await repo.findUnitsByIds(tx, [unit.parentId]);
        if (parent && !parent.active) throw conflict('UNIT_PARENT_RETIRED', '上级单位已撤销，请先恢复上级单位');
      }
      const nameClaimed = (fields.active ?? unit.active) && (diff.after.name !== undefined || diff.after.active === true);
      if (nameClaimed && (await repo.findActiveSiblingNamed(tx, unit.parentId, fields.name ?? unit.name, id))) {
        throw duplicateName('body.name');
      }

      const row = await repo.updateUnitRow(tx, id, { ...diff.after, updatedAt: now });
      const action = diff.after.active === false ? 'retire_unit' : diff.after.active === true ? 'reactivate_unit' : 'update_unit';
      await recordAudit(tx, {
        at: now,
        actor,
        action,
        targetType: 'unit',
        targetId: id,
        scope: auditScopeFor(actor, row),
        before: diff.before,
        after: diff.after,
      });
      return toView({ ...row, childCount: await childCountOf(tx, actor, id) });
    });
  }

  async function move(actor: Actor, id: string, input: MoveUnitInput) {
    requireRole(actor, 'administrator');
    await requireManageable(db, actor, id);
    await requireParent(actor, input.parentId);
    const now = clock.now();
    try {
      return await db.transaction(async (tx) => {
        const locked = new Map((await repo.lockUnits(tx, [id, input.parentId])).map((u) => [u.id, u]));
        const unit = locked.get(id);
        const parent = locked.get(input.parentId);
        if (!unit || !mayChange(actor, unit)) throw unitNotFound();
        if (unit.version !== input.version) throw staleVersion('单位信息');
        if (!parent || (!pathInScope(actor, parent.path) && !isExternalType(parent.type))) throw parentNotFound();
        const problem = moveProblem({ ...unit, type: typeOf(unit) }, { type: typeOf(parent), path: parent.path });
        if (problem) throw problemError(problem);
        if (unit.parentId === parent.id) return toView({ ...unit, childCount: await childCountOf(tx, actor, id) });
        if (unit.active && !parent.active) {
          throw retiredParent('body.parentId', '新的上级单位已撤销，不能把在用单位移到其下');
        }
        if (unit.active && (await repo.findActiveSiblingNamed(tx, parent.id, unit.name, id))) throw duplicateName('body.parentId');

        const plan = relocation(unit, parent);
        const moved = await repo.relocateSubtree(tx, plan, now);
        const row = await repo.updateUnitRow(tx, id, { parentId: parent.id, updatedAt: now });
        await recordAudit(tx, {
          at: now,
          actor,
          action: 'move_unit',
          targetType: 'unit',
          targetId: id,
          scope: auditScopeFor(actor, row),
          before: { parentId: unit.parentId, parentName: await nameOf(tx, unit.parentId) },
          after: { parentId: parent.id, parentName: parent.name },
          detail: `moved ${moved} unit(s) with the subtree`,
        });
        return toView({ ...row, childCount: await childCountOf(tx, actor, id) });
      });
    } catch (err) {
      if (repo.isDeadlock(err)) throw conflict('UNIT_CONCURRENT_CHANGE', '组织树正被他人同时调整，请刷新后重试');
      throw err;
    }
  }

  async function divisions(province: string) {
    if (!provinceOf(province)) {
      throw invalid('UNIT_PROVINCE_UNKNOWN', `没有省级行政区划 ${province}`, [{ field: 'querystring.province', message: '省级行政区划代码不存在' }]);
    }
    return divisionTree(province);
  }

  async function childCountOf(executor: Executor, actor: Actor, id: string) {
    return (await repo.findVisibleUnit(executor, actor, id))?.childCount ?? 0;
  }

  async function nameOf(executor: Executor, id: string | null) {
    if (!id) return null;
    return (await repo.findUnitsByIds(executor, [id]))[0]?.name ?? null;
  }

  return {
    list,
    get,
    create: announcing(deps.bus, 'units', create),
    update: announcing(deps.bus, 'units', update),
    move: announcing(deps.bus, 'units', move),
    divisions,
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
