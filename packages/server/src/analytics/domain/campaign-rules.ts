import type { FieldError } from '../../platform/errors/app-error.js';
import type { CampaignRules } from '../analytics.tables.js';

/**
 * A campaign's (专项行动) rules, checked before it is stored. A rule naming a subject, type or flag the catalog does
 * not have, or a place that is not one of the province's divisions, selects nothing, ever: the campaign was created
 * and counted 0 for good, with nobody told why. So every code must be known, and a region is named by a division of
 * the province (GB/T 2260), stored as the prefix its orders' division codes start with.
 */

/**
 * The prefix of a division's orders: the province 150000 → "15", the city 150100 → "1501", a county 150102 or a
 * town 150102001 → itself. The orders carry a county's (or town's) code, so a city's own code as a prefix would
 * match only the orders placed at the city itself, not in its counties.
 */
export function regionPrefixOf(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4);
  return code;
}

/**
 * Every spelling of the province's divisions a rule may use → the prefix stored: each division's code and its
 * prefix (150100 and 1501 both mean the city). `divisions` are the province itself, its cities, counties and zones.
 */
export function regionSpellings(divisions: readonly { code: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of divisions) {
    const prefix = regionPrefixOf(d.code);
    out.set(d.code, prefix);
    out.set(prefix, prefix);
  }
  return out;
}

export type KnownCodes = {
  subjects: ReadonlySet<string>;
  types: ReadonlySet<string>;
  riskFlags: ReadonlySet<string>;
  /** A rule's region → its stored prefix, or null when it is no division of the province. */
  region: (code: string) => string | null;
};

const unique = (xs: readonly string[]) => [...new Set(xs)];

/**
 * The rules as stored (regions as prefixes, each entry once), or the field problems: one per list, naming the
 * unknown entries ("诉求事项不存在：no_such_code"), on the list's own field so a form puts it under its picker.
 */
export function checkCampaignRules(rules: CampaignRules, known: KnownCodes): { rules: CampaignRules; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const check = (list: keyof CampaignRules, what: string, isKnown: (c: string) => boolean) => {
    const unknown = unique(rules[list].filter((c) => !isKnown(c)));
    if (unknown.length) problems.push({ field: `body.rules.${list}`, message: `${what}不存在：${unknown.join('、')}` });
  };
  check('subjectCodes', '诉求事项', (c) => known.subjects.has(c));
  check('typeCodes', '诉求类型', (c) => known.types.has(c));
  check('riskFlags', '风险标识', (c) => known.riskFlags.has(c));
  check('divisionPrefixes', '本省行政区划', (c) => known.region(c) !== null);
  return {
    problems,
    rules: {
      subjectCodes: unique(rules.subjectCodes),
      typeCodes: unique(rules.typeCodes),
      riskFlags: unique(rules.riskFlags),
      divisionPrefixes: unique(rules.divisionPrefixes.map((c) => known.region(c) ?? c)),
      keywords: unique(rules.keywords),
    },
  };
}

/**
 * The regions of a campaign (as named, each once) that lie outside its unit's area: the division the unit answers
 * for (its own, else the nearest unit's above it: units/domain/unit-rules.ts `areaOf`), with every place inside it. A
 * campaign counts only its unit's orders (reports.repo.ts campaignCondition), so a city's campaign over another
 * city, or over the whole province, was a campaign of the wrong place and counted 0 (or the city's own) with nobody
 * told why. A unit without an area (none on its path has a division) names no region.
 */
export function regionsOutside(named: readonly string[], prefixOf: (code: string) => string, area: string | null): string[] {
  const inside = area === null ? null : regionPrefixOf(area);
  return unique(named.filter((c) => inside === null || !prefixOf(c).startsWith(inside)));
}
