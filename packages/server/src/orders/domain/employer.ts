/**
 * Employer names as callers say them vary: "某某建筑劳务有限公司", "某某建筑劳务", "（内蒙古）某某建筑劳务有限责任公司".
 * The normalised name drops brackets, the place prefix in brackets and legal-form suffixes so they match.
 */
// Longest first: a form that ends with a shorter one ('分公司' ends with '公司') must be tried before it.
const legalForms = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司', '分公司', '合伙企业', '个体工商户', '工作室', '经营部', '厂'].sort(
  (a, b) => b.length - a.length,
);

const clean = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .toLowerCase();

export function normaliseEmployerName(name: string | null | undefined): string {
  if (!name) return '';
  // NFKC can turn a character into a space plus a combining mark (΄ → " ́"); dropping the space lets the mark join
  // its neighbour, which NFKC then composes. Cleaning until nothing changes keeps a stored key equal to its re-normalisation.
  let s = clean(name);
  for (let guard = 0; guard < 5; guard++) {
    const again = clean(s);
    if (again === s) break;
    s = again;
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const f of legalForms) {
      if (s.length > f.length + 1 && s.endsWith(f)) {
        s = s.slice(0, -f.length);
        changed = true;
      }
    }
  }
  return s;
}
