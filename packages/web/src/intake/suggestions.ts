import type { Reading } from '../api/intelligence.js';
import type { DivisionTree } from '../api/types.js';
import type { IntakeValues } from './intake-form.js';

/** The fields a reading suggests, in the form's terms. */
export type SuggestionField = 'type' | 'subject' | 'riskFlags' | 'workers' | 'amountYuan' | 'employer' | 'place';
export const suggestionFields: SuggestionField[] = ['type', 'subject', 'riskFlags', 'workers', 'amountYuan', 'employer', 'place'];

/** The cascader path of a division in the installation's tree ([city, county], [city] or [county]); null outside it. */
export function divisionPath(tree: DivisionTree | null, code: string): string[] | null {
  for (const c of tree?.children ?? []) {
    if (c.code === code) return [c.code];
    for (const d of c.children) if (d.code === code) return [c.code, d.code];
  }
  return null;
}

/** Whether a field has something to suggest at all (an unknown amount suggests nothing). */
export function hasSuggestion(r: Reading, f: SuggestionField): boolean {
  if (f === 'riskFlags') return r.riskFlags.length > 0;
  if (f === 'workers') return r.workers !== null;
  if (f === 'amountYuan') return r.amountYuan !== null;
  if (f === 'employer') return r.employer !== null;
  if (f === 'place') return r.place !== null;
  return true;
}

/** The form values that accepting a field sets. */
export function valuesFor(r: Reading, f: SuggestionField, current: Partial<IntakeValues>, tree: DivisionTree | null): Partial<IntakeValues> {
  switch (f) {
    case 'type':
      return { typeCode: r.type.code };
    case 'subject':
      return { subjectCode: r.subject.code };
    case 'riskFlags':
      return {
        riskFlags: [...new Set([...(current.riskFlags ?? []), ...r.riskFlags])],
        ...(r.urgent && current.priority === 'normal' ? { priority: 'urgent' as const } : {}),
      };
    case 'workers':
      return { workersInvolved: r.workers };
    case 'amountYuan':
      return { amountInvolved: r.amountYuan };
    case 'employer':
      return { employerName: r.employer ?? undefined };
    case 'place': {
      if (!r.place) return {};
      const path = divisionPath(tree, r.place.divisionCode);
      const text = [r.place.province, r.place.city !== r.place.province ? r.place.city : null, r.place.county].filter(Boolean).join('');
      return { ...(path ? { division: path } : {}), ...(current.placeText ? {} : { placeText: text }) };
    }
  }
}

/** Is the suggestion what the form now holds? (accepted, or typed the same by the agent) */
export function agrees(r: Reading, f: SuggestionField, v: Partial<IntakeValues>): boolean {
  switch (f) {
    case 'type':
      return v.typeCode === r.type.code;
    case 'subject':
      return v.subjectCode === r.subject.code;
    case 'riskFlags':
      return r.riskFlags.every((x) => (v.riskFlags ?? []).includes(x));
    case 'workers':
      return (v.workersInvolved ?? null) === r.workers;
    case 'amountYuan':
      return (v.amountInvolved ?? null) === r.amountYuan;
    case 'employer':
      return (v.employerName?.trim() || null) === r.employer;
    case 'place':
      return !!r.place && (v.division ?? [])[(v.division ?? []).length - 1] === r.place.divisionCode;
  }
}

/**
 * The words behind each risk flag suggested, flag by flag. A 危 that only the danger model raised (no word of the
 * reader's lists in the text) is weaker evidence: it carries the model's probability (byModel, a percentage) so the
 * panel can say so and the agent checks the words before taking it. A 多 the same employer's recent requests raised
 * carries them (byEmployer: days counted, how many) for the panel to say in its language: no words of the text then
 * (the evidence holds the server's Chinese sentence for them).
 */
export type RiskEvidence = { flag: string; words: string[]; byModel: number | null; byEmployer?: { days: number; count: number } };
export function riskEvidence(r: Reading): RiskEvidence[] {
  return r.riskFlags.map((flag) => {
    const byEmployer = flag === 'repeat' ? r.repeatBasis : null;
    return {
      flag,
      words: byEmployer ? [] : (r.evidence.riskFlags[flag] ?? []).slice(0, 5),
      byModel: flag === 'danger' && r.dangerBasis?.by === 'model' ? Math.round((r.dangerBasis.confidence ?? 0) * 100) : null,
      ...(byEmployer ? { byEmployer } : {}),
    };
  });
}

/** What the reading suggested, for the outcome record after the order is saved (fields with nothing suggested left out). */
export function suggestedValues(r: Reading, shown: ReadonlySet<SuggestionField>) {
  const out: Record<string, unknown> = {};
  if (shown.has('type')) out.type = r.type.code;
  if (shown.has('subject')) out.subject = r.subject.code;
  if (shown.has('riskFlags')) out.riskFlags = r.riskFlags;
  if (shown.has('workers')) out.workers = r.workers;
  if (shown.has('amountYuan')) out.amountYuan = r.amountYuan;
  if (shown.has('employer')) out.employer = r.employer;
  if (shown.has('place') && r.place) out.place = r.place.divisionCode;
  return out;
}
