import type { ChangeBus } from '../platform/bus/index.js';
import { createReferenceCache, type ReferenceCache } from '../platform/cache/reference-cache.js';
import type { Clock } from '../platform/clock.js';
import type { Executor } from '../platform/db/client.js';
import { invalid, type FieldError } from '../platform/errors/app-error.js';
import { english } from '../platform/i18n/english.js';
import { listRiskFlags, listSubjects, listTypes, readThresholds } from './catalog.repo.js';
import type { Priority, Step, Tier, Thresholds } from './domain/catalog.js';
import { selectRule, type RuleLike, type RuleLimit } from './domain/time-limit-rules.js';
import { listActiveRules } from './time-limit-rules.repo.js';

/** The limit that applies to a step of an order, as stored with the order (a later rule edit does not move it). */
export type LimitSnapshot = { amount: number | null; unit: string; countFrom: string; ruleId: string | null };
export type OrderSelector = { typeCode: string; subjectCode: string; priority: string; tier: string };

/** What intake and the order loop read of the catalog on every request: a snapshot, cached per process. */
export type CatalogReference = {
  thresholds: Thresholds;
  limitFor(step: Step, order: OrderSelector): LimitSnapshot;
  /** Type, subject and risk flags must be active catalog codes: an unknown code is a 400 naming the field. */
  checkCodes(input: { typeCode?: string | undefined; subjectCode?: string | undefined; riskFlags?: string[] | undefined }, prefix?: string): void;
  /** The subject's Chinese name (inactive ones too: an old order keeps its subject), or its code if unknown. */
  subjectName(code: string): string;
};

export function catalogReferenceOf(src: {
  types: { code: string; active: boolean }[];
  subjects: { code: string; active: boolean; nameZh?: string }[];
  flags: { code: string; active: boolean }[];
  thresholds: Thresholds;
  rules: readonly (RuleLike & RuleLimit & { id: string })[];
}): CatalogReference {
  const active = (rows: { code: string; active: boolean }[]) => new Set(rows.filter((r) => r.active).map((r) => r.code));
  const [types, subjects, flags] = [active(src.types), active(src.subjects), active(src.flags)];
  const subjectNames = new Map(src.subjects.map((s) => [s.code, s.nameZh ?? s.code]));
  return {
    thresholds: src.thresholds,
    limitFor(step, o) {
      const rule = selectRule(src.rules, { step, type: o.typeCode, subject: o.subjectCode, priority: o.priority as Priority, tier: o.tier as Tier });
      if (!rule) return { amount: null, unit: 'none', countFrom: 'next_working_day', ruleId: null };
      return { amount: rule.amount, unit: rule.unit, countFrom: rule.countFrom, ruleId: rule.id };
    },
    checkCodes(input, prefix = 'body') {
      const fields: FieldError[] = [];
      if (input.typeCode !== undefined && !types.has(input.typeCode))
        fields.push({ field: `${prefix}.typeCode`, message: `未知的诉求类型：${input.typeCode}` });
      if (input.subjectCode !== undefined && !subjects.has(input.subjectCode))
        fields.push({ field: `${prefix}.subjectCode`, message: `未知的诉求事项：${input.subjectCode}` });
      // Each unknown flag once, however often it was sent.
      for (const f of new Set(input.riskFlags ?? [])) if (!flags.has(f)) fields.push({ field: `${prefix}.riskFlags`, message: `未知的风险标识：${f}` });
      if (fields.length)
        throw invalid('CATALOG_CODE_UNKNOWN', fields.map((f) => f.message).join('；'), fields, fields.map((f) => english(f.message)).join('; '));
    },
    subjectName: (code) => subjectNames.get(code) ?? code,
  };
}

export type CatalogReferenceCache = ReferenceCache<CatalogReference>;

/**
 * Catalog codes, thresholds and the active time-limit rules, cached per process; dropped when catalog.service or
 * time-limit-rules.service announce a write (`reference.changed`: catalog, thresholds, rules).
 */
export function createCatalogReference(deps: { db: Executor; clock: Clock; bus?: ChangeBus | undefined }): CatalogReferenceCache {
  return createReferenceCache({
    kinds: ['catalog', 'thresholds', 'rules'],
    // One after the other: `via` may be a transaction, whose one connection takes one query at a time.
    load: async (via) => {
      const types = await listTypes(via);
      const subjects = await listSubjects(via);
      const flags = await listRiskFlags(via);
      const thresholds = await readThresholds(via);
      const rules = await listActiveRules(via);
      return catalogReferenceOf({ types, subjects, flags, thresholds, rules });
    },
    ...deps,
  });
}
