import { recordAudit } from '../audit/audit.repo.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { announcing, type ChangeBus } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { invalid, staleVersion, type FieldError } from '../platform/errors/app-error.js';
import { english } from '../platform/i18n/english.js';
import {
  bumpCatalogVersion,
  listRiskFlags,
  listSubjects,
  listTypes,
  readCatalogVersion,
  readThresholds,
  upsertRiskFlag,
  upsertSubject,
  upsertType,
  writeThresholds,
  type RiskFlagRow,
  type SubjectRow,
  type TypeRow,
} from './catalog.repo.js';
import { checkUsualTypes, mergeEntries, type Change, type EditProblem, type EntryInput } from './domain/catalog-edit.js';
import { priorityList, stepList, tierList, type Thresholds } from './domain/catalog.js';

export type UpdateCatalogInput = {
  version: number;
  types?: EntryInput<TypeRow>[] | undefined;
  subjects?: EntryInput<SubjectRow>[] | undefined;
  riskFlags?: EntryInput<RiskFlagRow>[] | undefined;
  thresholds?: Partial<Thresholds> | undefined;
};

/**
 * The whole catalog as clients read it: inactive entries included (old orders still show their names).
 * Queries run one after another because `db` may be a transaction, whose one connection takes one query at a time.
 */
export async function readCatalog(db: Executor) {
  const version = await readCatalogVersion(db);
  const types = await listTypes(db);
  const subjects = await listSubjects(db);
  const riskFlags = await listRiskFlags(db);
  const thresholds = await readThresholds(db);
  return { version, types, subjects, riskFlags, priorities: priorityList, tiers: tierList, steps: stepList, thresholds };
}

/** One problem code for the whole request: unknown references only, or anything else wrong. */
function refuse(problems: EditProblem[]): never {
  const fields: FieldError[] = problems.map(({ field, message }) => ({ field, message }));
  const onlyUnknown = problems.every((p) => p.kind === 'unknown_code');
  const zh = fields.map((f) => f.message).join('；');
  const en = fields.map((f) => english(f.message)).join('; ');
  throw invalid(onlyUnknown ? 'CATALOG_CODE_UNKNOWN' : 'CATALOG_INVALID', `分类目录有误：${zh}`, fields, `The catalog is wrong: ${en}`);
}

const sides = <R>(changes: Change<R>[]) => ({ before: changes.map((c) => c.before), after: changes.map((c) => c.after) });

export function createCatalogService(deps: { db: Db; clock: Clock; bus?: ChangeBus | undefined }) {
  const { db, clock } = deps;

  async function getCatalog(_actor: Actor) {
    return readCatalog(db);
  }

  async function updateCatalog(actor: Actor, input: UpdateCatalogInput) {
    requireRole(actor, 'administrator');
    const now = clock.now();
    return db.transaction(async (tx) => {
      // Moving the version first serialises concurrent edits: the second one waits on the row, then finds it moved.
      if (!(await bumpCatalogVersion(tx, input.version, now))) throw staleVersion('分类目录');
      const { types, subjects, riskFlags: flags, thresholds } = await readCatalog(tx);
      const t = mergeEntries('body.types', types, input.types ?? [], { defaultPath: '' });
      const s = mergeEntries('body.subjects', subjects, input.subjects ?? [], { usualTypes: [] });
      const f = mergeEntries('body.riskFlags', flags, input.riskFlags ?? [], {});
      const typeCodes = new Set([...types.map((x) => x.code), ...t.changes.map((c) => c.after.code)]);
      const problems = [...t.problems, ...s.problems, ...f.problems, ...checkUsualTypes('body.subjects', s.changes, typeCodes)];
      if (problems.length) refuse(problems);

      for (const c of t.changes) await upsertType(tx, c.after);
      for (const c of s.changes) await upsertSubject(tx, c.after);
      for (const c of f.changes) await upsertRiskFlag(tx, c.after);
      const newThresholds = input.thresholds ? { ...thresholds, ...input.thresholds } : thresholds;
      if (input.thresholds) await writeThresholds(tx, newThresholds, now);

      const tSides = sides(t.changes);
      const sSides = sides(s.changes);
      const fSides = sides(f.changes);
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'update_catalog',
        targetType: 'catalog',
        scope: { unitId: actor.unitId, path: actor.scopePath },
        before: { version: input.version, types: tSides.before, subjects: sSides.before, riskFlags: fSides.before, thresholds },
        after: { version: input.version + 1, types: tSides.after, subjects: sSides.after, riskFlags: fSides.after, thresholds: newThresholds },
      });
      return readCatalog(tx);
    });
  }

  return { getCatalog, updateCatalog: announcing(deps.bus, 'catalog', updateCatalog) };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
