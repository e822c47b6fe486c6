/**
 * Names a caller uses for a place beyond the GB/T 2260 name and its short form. Pure data and string work: the
 * gazetteer adds these entries when it is built.
 */

// Short forms that are ordinary words or a common given name: never read as a place on their own (a county glued to
// its city still is: compoundNames).
export const notAPlace = new Set([
  '东方',
  '合作',
  '龙井',
  '五常',
  '灯塔',
  '新民',
  '长乐',
  '永安',
  '大安',
  '安宁',
  '高平',
  '和平',
  '开平',
  '津市',
  '普兰',
  '城关',
  '新城',
  '长安',
  '朝阳',
  '开发',
  '永康',
  '中山',
  '吉利',
  '白云',
  '南山',
  '北山',
  '江南',
  '城中',
  '河东',
  '河西',
  '新华',
  '青山',
  '宝山',
  '金山',
  '普陀',
  '海城',
  '向阳',
  '红旗',
  '铁东',
  '铁西',
  '市中',
  '互助',
  '延长',
  '通道',
  '比如',
  '港口',
  '资中',
  '三明',
  '东川',
  // Words a caller says after 在/到/去 ("在平安保险上班", "在安居工程干活"): not the county.
  '平安',
  '大方',
  '同心',
  '中方',
  '安居',
  '永和',
  '安定',
  '友谊',
  '前进',
]);

/**
 * A division's name without its type: 灞桥区 → 灞桥, 浦东新区 → 浦东 (a caller never says 浦东新), 准格尔旗 → 准格尔.
 * Ethnic autonomous names are handled by the gazetteer before this.
 */
export function stripType(name: string): string {
  const noNewZone = name.replace(/新区$/, '');
  if (noNewZone !== name && noNewZone.length >= 2) return noNewZone;
  return name.replace(/(?:特别行政区|自治区|自治州|地区|省|市|盟|县|区|旗|林区|特区)$/, '');
}

/**
 * A county said right after its city (or, in a municipality, its province): 北京朝阳, 沈阳铁西, 西安长安, 广州白云,
 * 拉萨城关. The bare short names are too common as words or shared by several cities to count alone (朝阳, 长安, 城关),
 * but with the city glued before them they name one county. Forms: city short + county short or full ("西安长安",
 * "西安长安区"). Not city full + county short: "北京市朝阳" would swallow the city of "北京市朝阳区" and leave its
 * 朝阳区 unsettled; a city full + county full is read as two names already.
 */
export function compoundNames(parentShort: string, countyFull: string, countyShort: string): string[] {
  if (parentShort.length < 2 || countyShort.length < 2 || countyShort === countyFull) return [];
  return [`${parentShort}${countyShort}`, `${parentShort}${countyFull}`];
}

/**
 * Colloquial names with one meaning: city nicknames, Inner Mongolia's banner abbreviations (土右旗, 准旗, 包头昆区), and
 * well-known districts of work (中关村, 华强北) that callers name instead of the county. Each maps to a GB/T 2260
 * code; a development area maps to its county where it lies within one, to its city where it does not (光谷).
 */
export const placeAliases: Record<string, string> = {
  // 新疆维吾尔自治区 loses only 自治区 by the rule (维吾尔 has no 族 after it), and no caller says 新疆维吾尔.
  新疆: '650000',
  呼市: '150100',
  乌市: '650100',
  土左旗: '150121',
  土右旗: '150221',
  科左中旗: '150521',
  科左后旗: '150522',
  达旗: '150621',
  准旗: '150622',
  鄂前旗: '150623',
  伊旗: '150627',
  乌前旗: '150823',
  乌中旗: '150824',
  乌后旗: '150825',
  科右前旗: '152221',
  科右中旗: '152222',
  东乌旗: '152525',
  西乌旗: '152526',
  阿左旗: '152921',
  阿右旗: '152922',
  // Old names callers still use for what is now a district: 塘沽, 汉沽, 大港 (天津滨海新区), 萝岗 (黄埔区), 襄樊.
  塘沽: '120116',
  汉沽: '120116',
  大港: '120116',
  萝岗: '440112',
  襄樊: '420600',
  昆区: '150203',
  中关村: '110108',
  五道口: '110108',
  西二旗: '110108',
  望京: '110105',
  三里屯: '110105',
  陆家嘴: '310115',
  华强北: '440304',
  光谷: '420100',
  松山湖: '441900',
  虎门: '441900',
  横店: '330783',
};
