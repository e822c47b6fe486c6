import { recordAudit } from '../audit/audit.repo.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { loadWorkingCalendar } from '../calendar/calendar.repo.js';
import { CalendarNotCoveredError, isProvisionalDeadline, type CountFrom, type LimitUnit } from '../calendar/domain/working-time.js';
import { announcing, type ChangeBus } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion, unprocessable, type FieldError } from '../platform/errors/app-error.js';
import { english } from '../platform/i18n/english.js';
import { listSubjects, listTypes } from './catalog.repo.js';
import { priorities, stepNames, steps, tiers, type Priority, type Step, type Tier } from './domain/catalog.js';
import {
  checkLimit,
  deadlineFor,
  describeLimit,
  describeSelector,
  explainDeadline,
  formatLocal,
  precedence,
  type CodeNames,
  type OrderSelector,
} from './domain/time-limit-rules.js';
import { findRule, insertRule, listActiveRules, listRules, updateRule, type TimeLimitRuleRow } from './time-limit-rules.repo.js';

export { deadlineFor, selectRule } from './domain/time-limit-rules.js';
export { listActiveRules } from './time-limit-rules.repo.js';

export type CreateRuleInput = {
  step: Step;
  typeCode?: string | null | undefined;
  subjectCode?: string | null | undefined;
  priority?: Priority | null | undefined;
  tier?: Tier | null | undefined;
  amount?: number | null | undefined;
  unit: string;
  countFrom?: string | undefined;
  note?: string | undefined;
};
export type UpdateRuleInput = {
  version: number;
  amount?: number | null | undefined;
  unit?: string | undefined;
  countFrom?: string | undefined;
  note?: string | undefined;
  active?: boolean | undefined;
};
export type PreviewInput = OrderSelector & { start?: string | undefined };

async function codeNames(db: Executor): Promise<CodeNames> {
  // One after the other: `db` may be a transaction.
  const types = await listTypes(db);
  const subjects = await listSubjects(db);
  return { types: new Map(types.map((t) => [t.code, t.nameZh])), subjects: new Map(subjects.map((s) => [s.code, s.nameZh])) };
}

function ruleView(r: TimeLimitRuleRow, names: CodeNames) {
  return {
    ...r,
    step: r.step as Step,
    priority: r.priority as Priority | null,
    tier: r.tier as Tier | null,
    unit: r.unit as LimitUnit,
    countFrom: r.countFrom as CountFrom,
    stepName: stepNames[r.step as Step]?.zh ?? r.step,
    updatedAt: r.updatedAt.toISOString(),
    description: describeLimit(r),
    appliesTo: describeSelector(r, names),
  };
}
export type TimeLimitRuleView = ReturnType<typeof ruleView>;

/** A type or subject code the catalog does not know is named field by field, so the form can point at it. */
function unknownCodes(names: CodeNames, checks: { field: string; kind: 'types' | 'subjects'; code: string | null | undefined }[]) {
  const fields: FieldError[] = checks
    .filter((c) => c.code != null && !names[c.kind].has(c.code))
    .map((c) => ({ field: c.field, message: `${c.kind === 'types' ? '诉求类型' : '诉求事项'}代码不存在：${c.code}` }));
  if (fields.length) throw invalid('CATALOG_CODE_UNKNOWN', fields.map((f) => f.message).join('；'), fields, fields.map((f) => english(f.message)).join('; '));
}

function limitProblem(field: string, amount: number | null, unit: string) {
  const problem = checkLimit(amount, unit);
  if (problem) throw invalid('TIME_LIMIT_RULE_INVALID', problem, [{ field, message: problem }]);
}

/** Display order: by step, then most general first, then by the selectors' own order. */
const displayKey = (r: TimeLimitRuleRow): (number | string)[] => [
  steps.indexOf(r.step as Step),
  precedence(r),
  r.priority === null ? -1 : priorities.indexOf(r.priority as Priority),
  r.subjectCode ?? '',
  r.typeCode ?? '',
  r.tier === null ? -1 : tiers.indexOf(r.tier as Tier),
];
function byDisplayOrder(a: TimeLimitRuleRow, b: TimeLimitRuleRow): number {
  const ka = displayKey(a);
  const kb = displayKey(b);
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! < kb[i]!) return -1;
    if (ka[i]! > kb[i]!) return 1;
  }
  return 0;
}

export function createTimeLimitRulesService(deps: { db: Db; clock: Clock; bus?: ChangeBus | undefined }) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => ({ unitId: actor.unitId, path: actor.scopePath });

  async function list(_actor: Actor, step?: Step) {
    const [rules, names] = await Promise.all([listRules(db, step), codeNames(db)]);
    return { items: rules.sort(byDisplayOrder).map((r) => ruleView(r, names)) };
  }

  async function create(actor: Actor, input: CreateRuleInput) {
    requireRole(actor, 'administrator');
    const now = clock.now();
    return db.transaction(async (tx) => {
      const names = await codeNames(tx);
      unknownCodes(names, [
        { field: 'body.typeCode', kind: 'types', code: input.typeCode },
        { field: 'body.subjectCode', kind: 'subjects', code: input.subjectCode },
      ]);
      const amount = input.amount ?? null;
      limitProblem('body.amount', amount, input.unit);
      const row = await insertRule(tx, {
        step: input.step,
        typeCode: input.typeCode ?? null,
        subjectCode: input.subjectCode ?? null,
        priority: input.priority ?? null,
        tier: input.tier ?? null,
        amount,
        unit: input.unit,
        countFrom: input.countFrom ?? 'next_working_day',
        note: input.note ?? '',
        updatedAt: now,
      });
      if (!row) throw conflict('TIME_LIMIT_RULE_DUPLICATE', '已有相同适用范围（环节、类型、事项、紧急程度、难度）的时限规则，请修改该规则');
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'create_time_limit_rule',
        targetType: 'time_limit_rule',
        targetId: row.id,
        scope: scopeOf(actor),
        after: row,
      });
      return ruleView(row, names);
    });
  }

  async function update(actor: Actor, id: string, input: UpdateRuleInput) {
    requireRole(actor, 'administrator');
    const now = clock.now();
    return db.transaction(async (tx) => {
      const before = await findRule(tx, id);
      if (!before) throw notFound('TIME_LIMIT_RULE_NOT_FOUND', '时限规则不存在');
      if (before.version !== input.version) throw staleVersion('时限规则');
      const unit = input.unit ?? before.unit;
      // Choosing "no deadline" clears the amount; otherwise an omitted amount keeps the stored one.
      const amount = input.amount !== undefined ? input.amount : input.unit === 'none' ? null : before.amount;
      limitProblem('body.amount', amount, unit);
      const after = await updateRule(tx, id, input.version, {
        amount,
        unit,
        countFrom: input.countFrom ?? before.countFrom,
        note: input.note ?? before.note,
        active: input.active ?? before.active,
        updatedAt: now,
      });
      if (!after) throw staleVersion('时限规则');
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'update_time_limit_rule',
        targetType: 'time_limit_rule',
        targetId: id,
        scope: scopeOf(actor),
        before,
        after,
      });
      return ruleView(after, await codeNames(tx));
    });
  }

  async function preview(_actor: Actor, input: PreviewInput) {
    const names = await codeNames(db);
    unknownCodes(names, [
      { field: 'body.type', kind: 'types', code: input.type },
      { field: 'body.subject', kind: 'subjects', code: input.subject },
    ]);
    const start = input.start ? new Date(input.start) : clock.now();
    const [rules, calendar] = await Promise.all([listActiveRules(db), loadWorkingCalendar(db, clock.now())]);
    try {
      const { rule, deadline } = deadlineFor(calendar, rules, input, start);
      const view = rule ? ruleView(rule, names) : null;
      return {
        rule: view,
        startLocal: formatLocal(start),
        deadline: deadline?.toISOString() ?? null,
        deadlineLocal: deadline ? formatLocal(deadline) : null,
        deadlineProvisional: rule ? isProvisionalDeadline(calendar, deadline, rule.unit as LimitUnit) : false,
        explanation: explainDeadline(view ? { appliesTo: view.appliesTo, limit: view.description } : null, start, deadline),
      };
    } catch (err) {
      if (err instanceof CalendarNotCoveredError) {
        // A start the person chose is the field at fault (the calendar may still need its year); "now" is nobody's field.
        const fields = input.start ? [{ field: 'body.start', message: '起算时间或其期限超出工作日历的覆盖范围' }] : undefined;
        throw unprocessable('CALENDAR_NOT_COVERED', err.message, {
          date: err.date,
          firstDay: err.firstDay,
          lastDay: err.lastDay,
          ...(fields ? { fields } : {}),
        });
      }
      throw err;
    }
  }

  return { list, create: announcing(deps.bus, 'rules', create), update: announcing(deps.bus, 'rules', update), preview };
}

export type TimeLimitRulesService = ReturnType<typeof createTimeLimitRulesService>;
