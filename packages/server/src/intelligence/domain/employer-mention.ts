/**
 * The employer as the caller named it: an organisation name ending in a legal form or a kind of workplace
 * ("鄂尔多斯市宏泰建筑劳务有限公司", "重庆鑫源汽车配件厂"), or a platform (美团, 滴滴). A generic description
 * ("一家电子厂", "我们公司"), an anonymised one ("某公司") or only a foreman ("包工头老王") is no employer: null.
 */
const platforms = [
  '美团',
  '饿了么',
  '滴滴',
  '货拉拉',
  '闪送',
  '满帮',
  '快狗打车',
  '达达',
  '顺丰同城',
  '曹操出行',
  '花小猪',
  'T3出行',
  '京东',
  '菜鸟',
  '盒马',
  '叮咚买菜',
  '朴朴',
  'UU跑腿',
];
// Longest first, so 有限责任公司 is taken whole before 公司.
const suffixes = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '集团',
  '分公司',
  '公司',
  '工厂',
  '厂',
  '酒店',
  '宾馆',
  '医院',
  '幼儿园',
  '学校',
  '超市',
  '商场',
  '饭店',
  '餐厅',
  '酒楼',
  '合作社',
  '研究院',
  '矿业',
  '银行',
];
// Words that describe a kind of business rather than name one: a name must have something besides them.
const descriptors =
  /电子|物流|建筑|劳务|工程|装修|装饰|家具|服装|鞋服|鞋|纺织|印染|化工|机械|家电|电器|汽车|配件|零部件|模具|玩具|食品|水产|加工|科技|网络|互联网|信息|软件|外贸|贸易|物业|保安|培训|教育|快递|家政|广告|保险|医药|铝业|钢铁|钢|煤|矿|五金|塑胶|制品|制衣|外资|私立|民营|国企|国有|餐饮|管理|乳品|烟草|配套|包装|印刷|商贸|设备|制造|实业|发展|投资|能源|光伏|水泥|铁合金|锑品|冶炼|选矿|油田|服务|供热|供暖|热力|酒|饭|小|大|新|老|该|本|其|原|总|分|人力|资源|派遣|外包|运输|货运|客运|出租|车|安装|建设|房地产|开发|置业|生物|技术|股份|有限|责任|连锁|品牌|环卫|清洁|保洁|文化|传媒|旅游|农业|养殖|种植|商业|综合体|工业|产业|园区|园|区|市|县|省|镇|村/g;
// A name starts after one of these: a preposition, a verb of working, a measure word, a pronoun, punctuation.
const boundary =
  /(?:[，。、；：！？,.;:!?\s“”"'（）()]|入职|就职|任职|受雇于|应聘|单位|在|于|是|给|到|去|进|被|跟|和|与|对|的|了|个|家|这|那|我|们|说|从|替|帮|向|让|叫|称|反映|位于|关于|由)/g;

// Words of a clause, not of a name: "但经查询公司", "今年才知道公司", "需要公司", "被退回派遣公司", "社保公司" (an agency).
const notAName = /但|经|查|需|知道|才|刚|送|期|工资|社保|退回|今年|要|就|也|都|还|不|没|把|说|让|人|问|找|跟|当|做|干|上班|打工/;

export type EmployerMention = { name: string; start: number };

/** The organisation names in the text, as written (a leading district before a city-named firm is dropped). */
export function employerMentions(text: string, isPlaceName: (s: string) => boolean = () => false): EmployerMention[] {
  const out: EmployerMention[] = [];
  for (const p of platforms) {
    const i = text.indexOf(p);
    // 北京东路, 南京东站: the letters of a place, not the platform.
    if (i >= 0 && !/[北南]/.test(text[i - 1] ?? '')) out.push({ name: p, start: i });
  }
  const suffixRe = new RegExp(`(${suffixes.join('|')})`, 'g');
  for (const m of text.matchAll(suffixRe)) {
    const end = m.index! + m[0].length;
    // A suffix inside a longer one (公司 in 有限公司) was already taken with it.
    if (out.some((o) => o.start < m.index! && o.start + o.name.length >= end)) continue;
    const before = text.slice(Math.max(0, m.index! - 24), m.index!);
    let cut = 0;
    for (const b of before.matchAll(boundary)) {
      // 呼和浩特 has 和, 成都 has 都: a boundary inside a place name is no boundary.
      if (!insidePlace(before, b.index!, b[0].length, isPlaceName)) cut = b.index! + b[0].length;
    }
    let body = before.slice(cut);
    if (!body || body.includes('某') || /X{2}|x{2}|\*/.test(body)) continue;
    // "一家电镀厂", "一个蔬菜加工厂": a measure word before it makes it a description, not a name.
    if (/[个家所间座]$/.test(before.slice(0, cut))) continue;
    // "汉阳区武汉长江纺织有限公司": the district is where it is, the name starts with 武汉.
    const lead = /^[\u4e00-\u9fa5]{1,6}?[区县旗]/.exec(body);
    if (lead && isPlaceName(lead[0]) && body.length > lead[0].length + 1) body = body.slice(lead[0].length);
    // Place names first (成都 has 都, a word of a clause elsewhere), then the clause test, then the descriptors.
    const unplaced = stripPlaces(body, isPlaceName);
    if (notAName.test(unplaced)) continue;
    if (unplaced.replace(descriptors, '').length < 2) continue;
    out.push({ name: body + m[0], start: m.index! - body.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

function insidePlace(s: string, at: number, len: number, isPlaceName: (s: string) => boolean): boolean {
  for (let from = Math.max(0, at - 6); from <= at; from++) {
    for (let to = at + len; to <= Math.min(s.length, from + 9); to++) if (to - from >= 2 && isPlaceName(s.slice(from, to))) return true;
  }
  return false;
}

function stripPlaces(s: string, isPlaceName: (s: string) => boolean): string {
  for (let len = Math.min(s.length, 8); len >= 2; len--) {
    for (let i = 0; i + len <= s.length; i++) {
      const part = s.slice(i, i + len);
      if (isPlaceName(part)) return stripPlaces(s.slice(0, i) + s.slice(i + len), isPlaceName);
    }
  }
  return s;
}

/** The first organisation named (callers name their own employer before any other), or null. */
export function readEmployer(text: string, isPlaceName?: (s: string) => boolean): string | null {
  return employerMentions(text, isPlaceName)[0]?.name ?? null;
}
