/**
 * Risk flags (危众多大隐) read from the words of a request, each with the words that raised it, and whether the
 * order must be acted on today (urgent). Words, not a model: an agent must see why a flag is suggested, and a missed
 * 危 costs more than a wrong one, so the lists lean towards recall.
 */
export type RiskFlagCode = 'danger' | 'mass' | 'repeat' | 'large' | 'hidden';
export type RiskThresholdsLike = { massWorkers: number; largeAmount: number };

// 危: threat to life or safety, of the caller, of others, or an acute hazard at work.
const danger =
  /跳楼|跳下|跳河|跳桥|要跳|轻生|自杀|寻死|不想活|活着没意思|活着也没啥意思|活着(?:也)?没(?:什么|啥)意思|一了百了|撑不下去|遗书|喝药|农药|药都买好|同归于尽|弄死|砍人|拿刀|动刀|算账的念头|汽油|点了|放火|炸了|爬到塔吊|塔吊上|站在桥上|在楼顶|楼顶上|在河边|打人|被打|打了我|打了他|拦着我|动手|棍子|堵着不让走|抢救|ICU|透水|瓦斯超标|坍塌|塌了|要塌|泄漏|中毒|晕倒|落石|裂缝|很危险|太危险|差点砸|掉石头|掉了(?:好几块|几块|一块)?石头|石头掉|冒顶|报警器(?:早就|都)?坏|呼吸困难|起火|着火了|爆炸/g;
// 众: a gathering or collective action (the headcount threshold is applied apart).
const gathering = /聚集|围堵|堵在|堵门|堵路|拉横幅|横幅|集体停|集体去|集体上访|停跑|罢工|静坐|一起去|组团|群体/g;
// 多: the caller says it was reported before.
const repeat =
  /第[二三四五六七八九两2-9]次|又是我|又打|再次|多次(?:反映|向|来电|投诉|讨要|找|打)|反映过|打过(?:好几次|两次|几次)?电话|之前打过|上次(?:打|反映|说)|上个?(?:月|礼拜|星期|周)(?:就)?(?:打|反映)过|去年就打过|找了好几次|好几次了|几次了|两次了|还是没人管|没下文|一直没解决|还是没有|第三次来电/g;
// 大: a large amount in words, or a large public impact.
const largeWords = /上百万|几百万|上千万|影响(?:很|特别)?大|社会影响/g;
// 隐: escalation outside the channel (media, petition, unrest) that may grow.
const hidden =
  /媒体|记者|曝光|抖音|快手|短视频|发视频|网上发|发到网上|发帖|热搜|舆论|上访|信访|去北京|到北京|去省里|去省政府|去市里|省委|市政府|区政府|越级|闹事|扬言|过激/g;
// Urgent: something under way now, or set for today or tomorrow.
const nowOrTomorrow = /现在|正在|刚才|今天|今晚|今早|明天|明早|马上|已经在|还在/;

export type RiskReading = { flags: RiskFlagCode[]; urgent: boolean; evidence: Partial<Record<RiskFlagCode | 'urgent', string[]>> };

const words = (re: RegExp, text: string) => [...new Set([...text.matchAll(re)].map((m) => m[0]))];

export function readRisk(text: string, facts: { workers: number | null; amountYuan: number | null }, t: RiskThresholdsLike): RiskReading {
  const evidence: RiskReading['evidence'] = {};
  const flags: RiskFlagCode[] = [];
  const raise = (flag: RiskFlagCode, ev: string[]) => {
    if (!ev.length) return;
    flags.push(flag);
    evidence[flag] = ev;
  };
  const dangerWords = words(danger, text);
  raise('danger', dangerWords);
  const gatherWords = words(gathering, text);
  raise('mass', [...((facts.workers ?? 0) >= t.massWorkers ? [`${facts.workers}人`] : []), ...gatherWords]);
  raise('repeat', words(repeat, text));
  raise('large', [...((facts.amountYuan ?? 0) >= t.largeAmount ? [`${facts.amountYuan}元`] : []), ...words(largeWords, text)]);
  const hiddenWords = words(hidden, text);
  raise('hidden', hiddenWords);
  const when = nowOrTomorrow.exec(text)?.[0];
  const urgent = dangerWords.length > 0 || (!!when && (gatherWords.length > 0 || hiddenWords.length > 0));
  if (urgent) evidence.urgent = dangerWords.length ? dangerWords : [when!, ...gatherWords, ...hiddenWords];
  return { flags, urgent, evidence };
}
