/**
 * Type and subject are read apart but are not independent: the catalog (taxonomy.md, "typical type") says a psych_care
 * or hardship_aid request is a call for help, a wage_arrears one a complaint. The type model errs most where a
 * request's words lean the other way (a worker in crisis who was also shouted at reads like a complaint), so the
 * subject is given to the type model as a feature and the type is chosen jointly with the subject under the
 * catalog's pairing. Both settings were chosen by cross-validation on the training part (crossval.ts).
 */
import type { Prediction } from './classifier.js';

const typical: Record<string, readonly string[]> = {
  wage_arrears: ['complaint'],
  labor_contract: ['complaint', 'consult'],
  social_insurance: ['complaint', 'consult'],
  work_injury: ['complaint', 'help'],
  working_hours: ['complaint', 'consult'],
  labor_safety: ['complaint'],
  women_workers: ['complaint', 'consult'],
  new_forms: ['complaint', 'help'],
  union_membership: ['help', 'consult'],
  hardship_aid: ['help'],
  mutual_insurance: ['help', 'consult'],
  skills_employment: ['help', 'consult'],
  psych_care: ['help'],
  union_services: ['help', 'suggestion'],
};

/**
 * The weight of a pairing the catalog does not list as typical: not zero, since a complaint about a union's own
 * benefits or a question about a psychological service happen, only less likely. A suggestion pairs with any
 * subject. 0.5 was best in cross-validation (0.3 as good, 1 = no pairing, 0.15 worse).
 */
export const atypicalPairing = 0.5;

/** The subject as a feature of the type model ("s:psych_care"): the gold subject in training, the read one in use. */
export const subjectFeature = (subject: string) => `s:${subject}`;

/**
 * The type that, with some subject, makes the likeliest catalog-weighted pair: argmax over (type, subject) of
 * p(type) · p(subject) · pairing. The confidence shown is the type's share of the weighted mass.
 */
export function chooseType(type: Prediction, subject: Prediction, atypical = atypicalPairing): { label: string; confidence: number } {
  const score = new Map<string, number>();
  let best = { label: type.label, s: -1 };
  for (const t of type.ranked) {
    let sum = 0;
    for (const s of subject.ranked) {
      const w = t.label === 'suggestion' || typical[s.label]?.includes(t.label) ? 1 : atypical;
      const v = t.p * s.p * w;
      sum += v;
      if (v > best.s) best = { label: t.label, s: v };
    }
    score.set(t.label, sum);
  }
  const total = [...score.values()].reduce((a, b) => a + b, 0);
  return { label: best.label, confidence: total ? score.get(best.label)! / total : type.confidence };
}
