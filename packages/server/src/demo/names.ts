import { idNumberCheckChar } from '../platform/validation/id-number.js';
import { hashOf, weighted, type Rng } from './random.js';

/** The commonest surnames, roughly in order of frequency; the first ones are drawn more often. */
const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const drawSurname = weighted(surnames.map((s, i) => [s, i < 10 ? 6 : i < 30 ? 3 : 1] as const));

const givenMale = [
  '建国',
  '志强',
  '国华',
  '永刚',
  '海军',
  '振华',
  '文斌',
  '晓东',
  '建军',
  '宏伟',
  '立新',
  '卫东',
  '明亮',
  '俊杰',
  '浩然',
  '鹏飞',
  '学军',
  '长青',
  '福生',
  '德胜',
  '伟',
  '磊',
  '军',
  '勇',
  '涛',
  '斌',
  '超',
  '强',
  '刚',
  '辉',
];
const givenFemale = [
  '秀英',
  '桂英',
  '玉兰',
  '丽娟',
  '海燕',
  '春梅',
  '红霞',
  '晓燕',
  '淑珍',
  '秀兰',
  '丽华',
  '雅琴',
  '慧敏',
  '婷婷',
  '佳怡',
  '雪梅',
  '翠兰',
  '凤霞',
  '敏',
  '静',
  '丽',
  '艳',
  '娜',
  '芳',
  '霞',
  '娟',
];
/** Inner Mongolia's callers include Mongolian names, written in Chinese characters without a surname. */
const mongolianNames = ['巴特尔', '乌云', '其其格', '额尔敦', '萨仁', '苏和', '图雅', '朝鲁', '娜仁', '宝音', '阿拉坦', '斯琴'];

export function personName(rng: Rng, province: string): string {
  if (province.startsWith('15') && rng.chance(0.08)) return rng.pick(mongolianNames);
  return drawSurname(rng) + (rng.chance(0.55) ? rng.pick(givenMale) : rng.pick(givenFemale));
}

/** What an agent writes down: often only the surname and a form of address, as callers give it. */
export function callerName(rng: Rng, province: string): string {
  if (rng.chance(0.4)) return personName(rng, province);
  return drawSurname(rng) + rng.pick(['先生', '先生', '女士', '女士', '师傅']);
}

const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

/** A mobile number of the valid form 1[3-9]xxxxxxxxx. */
export function mobilePhone(rng: Rng): string {
  return rng.pick(mobilePrefixes) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** A resident ID number with a valid check character, born in the county of `regionCode`. */
export function idNumber(rng: Rng, regionCode: string, year: number): string {
  const born = new Date(Date.UTC(rng.int(year - 58, year - 19), rng.int(0, 11), rng.int(1, 28)));
  const first17 = `${regionCode.slice(0, 6)}${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(rng.int(0, 999)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A stable fictitious name for the staff of a unit that has no account in the installation. */
export function staffNameOf(unitId: string): string {
  const h = hashOf(unitId);
  const given = h % 2 ? givenMale : givenFemale;
  return surnames[h % 40]! + given[(h >>> 8) % given.length]!;
}

/**
 * Trade names for fictitious employers. Plain auspicious pairs, chosen to avoid well-known brands; combined with
 * a city and an industry they read like the firms callers name, without naming a real one on purpose.
 */
const brands = [
  '恒泰',
  '鑫源',
  '瑞丰',
  '宏晟',
  '金穗',
  '远拓',
  '德润',
  '禾盛',
  '华晟',
  '盛通',
  '祥瑞',
  '兴隆',
  '东升',
  '丰泽',
  '广源',
  '泰和',
  '润达',
  '博远',
  '凯旋',
  '恒昌',
  '聚鑫',
  '天宇',
  '正泰和',
  '鼎盛',
  '嘉诚',
  '安泰',
  '信达源',
  '永盛',
  '长盈',
  '北辰',
  '众诚',
  '汇川源',
  '晟达',
  '隆基泰',
  '蒙辉',
  '草原情',
];

export type Industry = { name: string; jobs: readonly string[] };
export const industries = {
  construction: { name: '建筑劳务有限公司', jobs: ['钢筋工', '木工', '瓦工', '架子工', '电焊工', '水电工', '抹灰工', '小工'] },
  engineering: { name: '建筑工程有限公司', jobs: ['钢筋工', '木工', '架子工', '塔吊司机', '施工员'] },
  decoration: { name: '装饰工程有限公司', jobs: ['油漆工', '水电工', '瓷砖工', '木工'] },
  property: { name: '物业服务有限公司', jobs: ['保安', '保洁员', '维修工', '客服'] },
  catering: { name: '餐饮管理有限公司', jobs: ['厨师', '服务员', '帮厨', '收银员'] },
  trade: { name: '商贸有限公司', jobs: ['营业员', '理货员', '仓管员', '收银员'] },
  logistics: { name: '物流有限公司', jobs: ['装卸工', '分拣员', '货车司机', '仓管员'] },
  dairy: { name: '乳业有限公司', jobs: ['操作工', '质检员', '送奶工', '司机'] },
  coal: { name: '煤业有限公司', jobs: ['井下工', '采煤工', '运输工', '电工'] },
  security: { name: '保安服务有限公司', jobs: ['保安', '巡逻员'] },
  housekeeping: { name: '家政服务有限公司', jobs: ['育婴员', '保洁员', '护工'] },
  transport: { name: '汽车运输有限公司', jobs: ['货车司机', '押运员', '修理工'] },
  food: { name: '食品有限公司', jobs: ['操作工', '包装工', '质检员'] },
  hotel: { name: '酒店管理有限公司', jobs: ['客房服务员', '前台', '厨师'] },
  machinery: { name: '机械制造有限公司', jobs: ['车工', '焊工', '装配工', '操作工'] },
  farming: { name: '农牧业科技有限公司', jobs: ['饲养员', '操作工', '司机'] },
  delivery: { name: '同城配送服务有限公司', jobs: ['外卖骑手', '配送员'] },
  platform: { name: '网络科技有限公司', jobs: ['网约车司机', '主播', '客服'] },
  express: { name: '快递服务有限公司', jobs: ['快递员', '分拣员'] },
  energy: { name: '新能源科技有限公司', jobs: ['安装工', '运维工', '电工'] },
  retail: { name: '连锁超市有限公司', jobs: ['营业员', '理货员', '收银员'] },
  electronics: { name: '电子科技有限公司', jobs: ['操作工', '质检员', '组装工'] },
} satisfies Record<string, Industry>;
export type IndustryKey = keyof typeof industries;

/** A fictitious employer of `city` in one of the industries: e.g. 呼和浩特市恒泰建筑劳务有限公司. */
export function employerName(rng: Rng, city: string, industry: IndustryKey): string {
  return `${city}${rng.pick(brands)}${industries[industry].name}`;
}

/** How callers name an employer on the phone: the trade name and the industry word, without the legal form. */
export function employerShortName(name: string): string {
  return name.replace(/^.+?[市盟州区县旗]/, '').replace(/(有限责任公司|有限公司)$/, '');
}
