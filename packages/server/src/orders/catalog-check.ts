import { eq } from 'drizzle-orm';
import { catalogSubjects, catalogTypes, riskFlags, settings } from '../catalog/catalog.tables.js';
import type { Executor } from '../platform/db/client.js';
import { invalid, type FieldError } from '../platform/errors/app-error.js';
import { defaultThresholds, thresholdsKey } from '../catalog/domain/catalog.js';
import type { RiskThresholds } from './domain/risk-flags.js';

export async function riskThresholds(db: Executor): Promise<RiskThresholds> {
  const [row] = await db.select().from(settings).where(eq(settings.key, thresholdsKey));
  return { ...defaultThresholds, ...((row?.value as Partial<RiskThresholds>) ?? {}) };
}

/** Type, subject and risk flags must be active catalog codes: an unknown code is a 400 naming the field. */
export async function checkCatalogCodes(
  db: Executor,
  input: { typeCode?: string | undefined; subjectCode?: string | undefined; riskFlags?: string[] | undefined },
  prefix = 'body',
): Promise<void> {
  const [types, subjects, flags] = await Promise.all([
    db.select({ code: catalogTypes.code }).from(catalogTypes).where(eq(catalogTypes.active, true)),
    db.select({ code: catalogSubjects.code }).from(catalogSubjects).where(eq(catalogSubjects.active, true)),
    db.select({ code: riskFlags.code }).from(riskFlags).where(eq(riskFlags.active, true)),
  ]);
  const fields: FieldError[] = [];
  if (input.typeCode !== undefined && !types.some((t) => t.code === input.typeCode))
    fields.push({ field: `${prefix}.typeCode`, message: `未知的诉求类型：${input.typeCode}` });
  if (input.subjectCode !== undefined && !subjects.some((t) => t.code === input.subjectCode)) {
    fields.push({ field: `${prefix}.subjectCode`, message: `未知的诉求事项：${input.subjectCode}` });
  }
  for (const f of input.riskFlags ?? []) {
    if (!flags.some((x) => x.code === f)) fields.push({ field: `${prefix}.riskFlags`, message: `未知的风险标识：${f}` });
  }
  if (fields.length) throw invalid('CATALOG_CODE_UNKNOWN', fields.map((f) => f.message).join('；'), fields);
}
