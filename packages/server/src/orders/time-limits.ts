import { eq } from 'drizzle-orm';
import { timeLimitRules } from '../catalog/catalog.tables.js';
import { selectRule } from '../catalog/domain/time-limit-rules.js';
import type { Priority, Step, Tier } from '../catalog/domain/catalog.js';
import type { LimitUnit } from '../calendar/domain/working-time.js';
import type { Executor } from '../platform/db/client.js';
import type { LimitSnapshot } from './orders.tables.js';

export type Selector = { typeCode: string; subjectCode: string; priority: string; tier: string };

/** The limit that applies to a step of an order, as a snapshot stored with the order (later rule edits don't move it). */
export type TimeLimits = { limitFor(db: Executor, step: Step, order: Selector): Promise<LimitSnapshot> };

export const timeLimits: TimeLimits = {
  async limitFor(db, step, order) {
    const rules = await db.select().from(timeLimitRules).where(eq(timeLimitRules.active, true));
    const rule = selectRule(rules, { step, type: order.typeCode, subject: order.subjectCode, priority: order.priority as Priority, tier: order.tier as Tier });
    if (!rule) return { amount: null, unit: 'none', countFrom: 'next_working_day', ruleId: null };
    return { amount: rule.amount, unit: rule.unit as LimitUnit, countFrom: rule.countFrom, ruleId: rule.id };
  },
};
