import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { readSetting, settingValueText, upsertSetting } from '../catalog/settings.repo.js';
import type { InstructionFacts } from '../orders/domain/instruction-rule.js';
import type { Executor } from '../platform/db/client.js';
import { rowsOf } from '../platform/db/client.js';
import { provincialUnitSql, provincialUnitText } from '../units/province-root.js';
import { emergencyWays, orderInstructions, unitPrincipalLeaders, type InstructionRow } from './supervision.tables.js';

/** The installation's supervision settings, written at every start from the configuration (install/bootstrap.ts). */
export const supervisionSettingsKey = 'supervision.settings';
export type SupervisionSettings = { instructionRule: boolean; reviewWeekday: number };

// Kept in the catalog's settings table, through its repository.
export async function saveSupervisionSettings(db: Executor, value: SupervisionSettings, now: Date): Promise<void> {
  await upsertSetting(db, supervisionSettingsKey, value, now);
}

export async function supervisionSettings(db: Executor): Promise<SupervisionSettings> {
  const row = await readSetting(db, supervisionSettingsKey);
  const v = (row?.value ?? {}) as Partial<SupervisionSettings>;
  return { instructionRule: v.instructionRule === true, reviewWeekday: v.reviewWeekday ?? 4 };
}

/** Shaanxi's rule as stored (null when never saved): read inside the statements below. */
const instructionRuleText = `coalesce((${settingValueText(supervisionSettingsKey)} ->> 'instructionRule')::boolean, false)`;

/** Dispatched by a unit of the province level (units/domain/province-root.ts) to a holder below it. */
export const dispatchedByProvinceText = (o: string) => `(${provincialUnitText(`${o}.dispatch_unit_id`)} and not ${provincialUnitText(`${o}.holder_unit_id`)})`;

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
      ${sql.raw(instructionRuleText)} as rule,
      ${provincialUnitSql(sql`${o.dispatchUnitId}::uuid`)} and not ${provincialUnitSql(sql`${o.holderUnitId}::uuid`)} as dispatched_by_province,
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
    'rule', ${instructionRuleText},
    'channel', ${o}.channel,
    'dispatchedByProvince', ${dispatchedByProvinceText(o)},
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

/** The ways chosen for an emergency order (应急机制), newest first. */
export async function emergencyWaysOf(db: Executor, orderId: string) {
  return db.select().from(emergencyWays).where(eq(emergencyWays.orderId, orderId)).orderBy(desc(emergencyWays.at));
}

export async function insertEmergencyWay(tx: Executor, row: typeof emergencyWays.$inferInsert): Promise<void> {
  await tx.insert(emergencyWays).values(row);
}
