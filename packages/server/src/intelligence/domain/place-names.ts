/**
 * Names a caller uses for a place beyond the GB/T 2260 name and its short form. Pure data and string work: the
 * gazetteer adds these entries when it is built.
 */

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
 * Colloquial names with one meaning: city nicknames and Inner Mongolia's banner abbreviations (土右旗, 准旗), and
 * well-known districts of work (中关村, 华强北) that callers name instead of the county. Each maps to a GB/T 2260
 * code; a development area maps to its county where it lies within one, to its city where it does not (光谷).
 */
export const placeAliases: Record<string, string> = {
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
