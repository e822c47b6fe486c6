/**
 * The industry (国民经济行业分类 GB/T 4754-2017, its 门类) of an order's employer, read from the employer's name.
 *
 * Orders record the employer's name, key, credit code and address, but no industry: intake asks the worker who they
 * work for, not the firm's registered trade, and the 18-digit credit code does not encode one. Chinese firm names do
 * say what the firm does (呼和浩特市恒泰建筑劳务有限公司, 某某物流有限公司), so the campaign analysis classifies the
 * name by the first keyword rule that matches below, in order; a name no rule matches, or no employer, is 未识别.
 * docs/decisions/0013-industry-from-employer-name.md says why and what this misses.
 */
export type IndustryRule = { code: string; name: string; keywords: readonly string[] };

/** In order: the first rule with a keyword in the name wins (so 电子科技 is manufacturing before 科技 is IT). */
export const industryRules: readonly IndustryRule[] = [
  { code: 'E', name: '建筑业', keywords: ['建筑', '建设工程', '建工', '装饰工程', '装修', '劳务', '施工', '路桥', '市政工程', '工程有限'] },
  { code: 'B', name: '采矿业', keywords: ['煤业', '煤矿', '矿业', '煤炭', '石油开采'] },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', keywords: ['电力', '供电', '热力', '供热', '燃气', '新能源', '自来水', '水务', '发电'] },
  {
    code: 'C',
    name: '制造业',
    keywords: ['乳业', '食品', '机械', '制造', '电子', '纺织', '服装', '制衣', '化工', '钢铁', '汽车配件', '家具', '印刷', '制药', '厂'],
  },
  { code: 'G', name: '交通运输、仓储和邮政业', keywords: ['物流', '快递', '运输', '配送', '货运', '客运', '速递', '仓储', '公交', '出租车'] },
  { code: 'H', name: '住宿和餐饮业', keywords: ['餐饮', '酒店', '饭店', '宾馆', '餐厅', '火锅', '酒楼', '食堂'] },
  { code: 'F', name: '批发和零售业', keywords: ['商贸', '超市', '商场', '零售', '批发', '贸易', '商行', '便利店', '百货'] },
  { code: 'K', name: '房地产业', keywords: ['物业', '房地产', '置业', '地产'] },
  { code: 'L', name: '租赁和商务服务业', keywords: ['保安', '人力资源', '劳务派遣', '外包', '广告', '咨询'] },
  { code: 'O', name: '居民服务、修理和其他服务业', keywords: ['家政', '保洁', '洗浴', '美容', '美发', '维修', '汽修'] },
  { code: 'I', name: '信息传输、软件和信息技术服务业', keywords: ['网络科技', '信息技术', '软件', '互联网', '通信'] },
  { code: 'A', name: '农、林、牧、渔业', keywords: ['农牧', '农业', '牧业', '养殖', '种植', '林业', '渔业'] },
  { code: 'P', name: '教育', keywords: ['学校', '幼儿园', '培训', '教育'] },
  { code: 'Q', name: '卫生和社会工作', keywords: ['医院', '诊所', '卫生', '养老', '护理'] },
  { code: 'J', name: '金融业', keywords: ['银行', '保险', '金融', '证券'] },
];
// 劳务派遣 is listed under L, but 劳务 (construction labour subcontracting, the usual wage-arrears employer) matches E
// first: a 劳务派遣 firm that names no trade is counted under construction. The order is the rule; tests pin it.

export const unknownIndustry = { code: 'unknown', name: '未识别' } as const;

/** The industry of an employer's name: the first rule whose keyword it contains, else 未识别. */
export function industryOfEmployer(name: string | null | undefined): { code: string; name: string } {
  if (!name) return unknownIndustry;
  const rule = industryRules.find((r) => r.keywords.some((k) => name.includes(k)));
  return rule ? { code: rule.code, name: rule.name } : unknownIndustry;
}

export const industryNames: ReadonlyMap<string, string> = new Map([
  ...industryRules.map((r) => [r.code, r.name] as const),
  [unknownIndustry.code, unknownIndustry.name],
]);
