/**
 * Legal supervision letters (工会劳动法律监督提示函 / 意见书) are numbered per issuing union, kind and year, in the
 * form official documents use: 〔year〕 with the union's short name and a kind word, e.g. 新城区工会监提〔2026〕3号.
 * The sequence itself is handed out by one atomic upsert (legal.repo), so a number never repeats.
 */
export type LetterKind = 'notice' | 'opinion';

export const letterKindNames: Record<LetterKind, { zh: string; title: string; word: string; en: string }> = {
  notice: { zh: '提示函', title: '工会劳动法律监督提示函', word: '监提', en: 'legal supervision notice' },
  opinion: { zh: '意见书', title: '工会劳动法律监督意见书', word: '监意', en: 'legal supervision opinion' },
};

/** The union's short name for a document number: "呼和浩特市新城区总工会" → "新城区工会" style abbreviations are
 *  a matter of local custom, so we keep the name and drop only the generic suffix "总工会" → "工会". */
export function shortUnitName(name: string): string {
  return name.replace(/总工会$/, '工会').replace(/^.*?(自治区|省|市)(?=.+(区|县|旗|市)工会$)/, '');
}

export function letterNumber(unitName: string, kind: LetterKind, year: number, seq: number): string {
  return `${shortUnitName(unitName)}${letterKindNames[kind].word}〔${year}〕${seq}号`;
}
