/**
 * What the campaign form sends as its rules. A region is picked by name (the intake's division cascader) and sent as
 * the prefix its orders' division codes start with, as the server stores it (analytics/domain/campaign-rules.ts
 * regionPrefixOf): a city 150100 → "1501" (its counties' orders), a county 150102 → itself.
 */
export function regionPrefixOf(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4);
  return code;
}

/** The cascader's picks (paths: [city] for a whole city, [city, county] for one county) → the region prefixes. */
export function regionPrefixesOf(paths: readonly (readonly (string | number)[])[] | undefined): string[] {
  const out: string[] = [];
  for (const p of paths ?? []) {
    const last = p[p.length - 1];
    if (last !== undefined) out.push(regionPrefixOf(String(last)));
  }
  return [...new Set(out)];
}

/** The form's values as typed or picked. */
export type CampaignFormValues = {
  name: string;
  range: [{ format: (f: string) => string }, { format: (f: string) => string }];
  rules?: {
    subjectCodes?: string[];
    typeCodes?: string[];
    riskFlags?: string[];
    divisionPrefixes?: (string | number)[][];
    keywords?: string[];
  };
};

/** The request body of createCampaign: keywords trimmed, blanks dropped, regions as prefixes. */
export function campaignBody(v: CampaignFormValues) {
  const r = v.rules ?? {};
  return {
    name: v.name.trim(),
    from: v.range[0].format('YYYY-MM-DD'),
    to: v.range[1].format('YYYY-MM-DD'),
    rules: {
      subjectCodes: r.subjectCodes ?? [],
      typeCodes: r.typeCodes ?? [],
      riskFlags: r.riskFlags ?? [],
      divisionPrefixes: regionPrefixesOf(r.divisionPrefixes),
      keywords: [...new Set((r.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
    },
  };
}
