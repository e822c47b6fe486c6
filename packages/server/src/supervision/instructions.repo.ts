import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { settings } from '../catalog/catalog.tables.js';
import type { InstructionFacts } from '../orders/domain/instruction-rule.js';
import type { Executor } from '../platform/db/client.js';
import { rowsOf } from '../platform/db/client.js';
import { orderInstructions, unitPrincipalLeaders, type InstructionRow } from './supervision.tables.js';

/** The installation's supervision settings, written at every start from the configuration (install/bootstrap.ts). */
export const supervisionSettingsKey = 'supervision.settings';
export type SupervisionSettings = { instructionRule: boolean; reviewWeekday: number };

export async function saveSupervisionSettings(db: Executor, value: SupervisionSettings, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key: supervisionSettingsKey, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, version: sql`${settings.version} + 1` } });
}

export async function supervisionSettings(db: Executor): Promise<SupervisionSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, supervisionSettingsKey));
  const v = (row?.value ?? {}) as Partial<SupervisionSettings>;
  return { instructionRule: v.instructionRule === true, reviewWeekday: v.reviewWeekday ?? 4 };
}

/** A unit of the province level: its federation (the root) or the hotline centre right under it. */
const provincialUnitText = (alias: string) =>
  `((${alias}.depth = 0 and ${alias}.type = 'province_federation') or (${alias}.depth = 1 and ${alias}.type = 'hotline_centre'))`;
export const provincialUnitSql = (alias: string) => sql.raw(provincialUnitText(alias));

/**
 * An instruction `i` that releases a province-dispatched order `o` for reply: by a leader of the holding unit or a unit
 * above it (below the province), and by that unit's principal leader (主要领导) where one is designated.
 */
const byReceivingText = (o: string) =>
  `exists (select 1 from order_instructions i where i.order_id = ${o}.id and not i.provincial
     and ${o}.holder_unit_path like '%/' || i.by_unit_id::text || '/%'
     and (i.principal or not exists (select 1 from unit_principal_leaders p where p.unit_id = i.by_unit_id)))`;
export const byReceivingSql = (o: string) => sql.raw(byReceivingText(o));

/** Whether the person is the designated principal leader of the unit. */
export async function isPrincipalLeader(db: Executor, unitId: string, userId: string): Promise<{ principal: boolean; designated: boolean }> {
  const [row] = await db.select().from(unitPrincipalLeaders).where(eq(unitPrincipalLeaders.unitId, unitId));
  return { principal: row?.userId === userId, designated: !!row };
}

/**
 * The facts Shaanxi's rule reads (orders/domain/instruction-rule.ts), in one query: the installation's setting, where
 * the order came from and who dispatched it, and which leaders have instructed it.
 */
export async function instructionFacts(
  db: Executor,
  o: { id: string; channel: string; dispatchUnitId: string | null; holderUnitId: string; holderUnitPath: string },
): Promise<InstructionFacts> {
  const result = await db.execute(sql`
    select
      coalesce((select (s.value ->> 'instructionRule')::boolean from settings s where s.key = ${supervisionSettingsKey}), false) as rule,
      exists (select 1 from units d where d.id = ${o.dispatchUnitId}::uuid and ${provincialUnitSql('d')})
        and not exists (select 1 from units h where h.id = ${o.holderUnitId}::uuid and ${provincialUnitSql('h')}) as dispatched_by_province,
      exists (select 1 from order_instructions i where i.order_id = ${o.id}::uuid and i.provincial) as by_provincial,
      ${byReceivingSql('o')} as by_receiving,
      (select count(*) from order_instructions i where i.order_id = ${o.id}::uuid and i.acknowledged_at is null)::int as unacknowledged
    from (select ${o.id}::uuid as id, ${o.holderUnitPath}::text as holder_unit_path) o`);
  const [r] = rowsOf<Record<string, unknown>>(result);
  return {
    rule: r?.rule === true,
    fromNationalPlatform: o.channel === 'upper_platform',
    dispatchedByProvince: r?.dispatched_by_province === true,
    byProvincialLeader: r?.by_provincial === true,
    byReceivingLeader: r?.by_receiving === true,
    unacknowledged: Number(r?.unacknowledged ?? 0),
  };
}

export async function isProvincialUnit(db: Executor, unitId: string): Promise<boolean> {
  const result = await db.execute(sql`select 1 from units u where u.id = ${unitId}::uuid and ${provincialUnitSql('u')}`);
  return rowsOf(result).length > 0;
}

export async function insertInstruction(tx: Executor, row: typeof orderInstructions.$inferInsert): Promise<InstructionRow> {
  const [r] = await tx.insert(orderInstructions).values(row).returning();
  return r!;
}

export async function instructionsOf(db: Executor, orderId: string): Promise<InstructionRow[]> {
  return db.select().from(orderInstructions).where(eq(orderInstructions.orderId, orderId)).orderBy(asc(orderInstructions.at));
}

/** Marks the order's unacknowledged instructions (or the one named) acknowledged; returns those marked. */
export async function acknowledgeInstructions(
  tx: Executor,
  orderId: string,
  id: string | null,
  by: { name: string; unitName: string; note: string | null; at: Date },
): Promise<InstructionRow[]> {
  return tx
    .update(orderInstructions)
    .set({ acknowledgedAt: by.at, acknowledgedByName: by.name, acknowledgedByUnitName: by.unitName, acknowledgeNote: by.note })
    .where(and(eq(orderInstructions.orderId, orderId), isNull(orderInstructions.acknowledgedAt), id ? eq(orderInstructions.id, id) : undefined))
    .returning();
}

/**
 * The same facts as `instructionFacts`, as one json column of the statement that reads the order (`o` names the
 * work_orders row): a transition and the order view get them without a query of their own.
 */
export const instructionFactsColumn = (o: string) =>
  sql.raw(`json_build_object(
    'rule', coalesce((select (s.value ->> 'instructionRule')::boolean from settings s where s.key = '${supervisionSettingsKey}'), false),
    'channel', ${o}.channel,
    'dispatchedByProvince', exists (select 1 from units d where d.id = ${o}.dispatch_unit_id and ${provincialUnitText('d')})
      and not exists (select 1 from units h where h.id = ${o}.holder_unit_id and ${provincialUnitText('h')}),
    'byProvincialLeader', exists (select 1 from order_instructions i where i.order_id = ${o}.id and i.provincial),
    'byReceivingLeader', ${byReceivingText(o)},
    'unacknowledged', (select count(*) from order_instructions i where i.order_id = ${o}.id and i.acknowledged_at is null)::int)`);

export function instructionFactsOf(v: unknown): InstructionFacts {
  const r = (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
  return {
    rule: r.rule === true,
    fromNationalPlatform: r.channel === 'upper_platform',
    dispatchedByProvince: r.dispatchedByProvince === true,
    byProvincialLeader: r.byProvincialLeader === true,
    byReceivingLeader: r.byReceivingLeader === true,
    unacknowledged: Number(r.unacknowledged ?? 0),
  };
}
