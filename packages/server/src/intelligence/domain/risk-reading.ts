/**
 * Risk flags (危众多大隐) read from the words of a request, each with the words that raised it, and whether the
 * order must be acted on today (urgent). Words, not a model: an agent must see why a flag is suggested, and a missed
 * 危 costs more than a wrong one, so the lists lean towards recall.
 */
export type RiskFlagCode = 'danger' | 'mass' | 'repeat' | 'large' | 'hidden';
export type RiskThresholdsLike = { massWorkers: number; largeAmount: number };

// 危: threat to life or safety, of the caller, of others, or an acute hazard at work. Three lists, each written as the
// kinds of words callers use rather than the phrasings of the training requests, so a new phrasing still matches:
// self-harm said or prepared (a place to jump from, a means, "活着没盼头"), violence, an acute hazard at work.
// The hazard list follows the labelling rule of 危 (../README.md): something failing or just failed (a leak, smoke from
// a pipe, a bent prop, a safety device removed or a brake that does not hold), work at height without a harness, and
// heat or burns that have already felled several workers while work goes on; a single past injury is not in it. Bare
// 不让走 and 差点被 are left out: "辞职厂里不让走" and "差点被开除" are disputes, not threats.
const selfHarm =
  /跳楼|跳下|跳河|跳江|跳桥|要跳|(?:楼|桥|顶|窗)[^，。！？,]{0,3}(?:上)?(?:下去|跳下)|卧轨|楼顶|天台|顶楼|站在桥上|在河边|轻生|自杀|寻死|想死|不想活|死了算了|不如死了|一了百了|活不下去了|没法活了|活着(?:也|还)?没(?:什么|啥|有)?(?:意思|盼头|奔头|指望)|撑不下去|结束(?:自己的)?生命|遗书|交代后事|永别|说对不起(?:我们|你们|爸妈|家里)|喝药|农药|敌敌畏|百草枯|老鼠药|安眠药|药都买好|割腕|上吊|烧炭|(?:买|备)[^，。！？,]{0,3}炭|炭[^，。！？,]{0,3}(?:买|备)/g;
const violence =
  /同归于尽|弄死|杀了|砍人|砍死|拿刀|动刀|刀捅|捅人|报复|算账的念头|汽油|(?<![\d一二两三四五六七八九十几])点了|放火|打人|被打|打伤|打了我|打了他|围殴|拦着我|动手(?!动脚)|棍子|棍棒|铁锹|钢管|刀子|菜刀|匕首|持刀|推搡|推倒|拽住|拽着|围着我|堵着不让走|关起来|(?:砸|拍|揍)(?:我|人|谁)|砸门/g;
const hazard =
  /抢救|ICU|重症|昏迷|晕倒|窒息|呕吐|口吐白沫|抽搐|呼吸困难|透水|瓦斯|冒顶|塌方|坍塌|要塌|快塌|(?<!冲)塌了|压到人|压住人|(?:墙|顶板|顶|脚手架|架子|棚|楼|坝|井|洞|隧道|基坑|边坡)[^，。！？,]{0,3}(?:塌|垮|裂)|泄漏|漏电|触电|(?<!查出来?[苯铅汞锰砷]?)中毒|掉[^，。！？,]{0,4}石头?|石头掉|落石|往下掉|往下塌|(?:支护|脚手架|架子|模板|塔吊|墙)[^，。！？,]{0,3}(?:歪|倒|斜)|很危险|太危险|差点砸|出人命|人命关天|报警器[^，。！？,]{0,3}坏|起火|着火了|爆炸|炸了|塔吊上|爬到塔吊|漏气|漏油|冒(?:黄|黑|白)烟|(?:管道|罐|炉|设备|机器|电线|线路|插座)[^，。！？,]{0,3}冒烟|喘不(?:上|过)气|掉渣|掉土|(?:支柱|立柱|支护|顶板)[^，。！？,]{0,3}(?:弯|变形|断)|(?:险些|差一点|差点)(?:砸|压|掉|摔|出事)|(?:刹车|制动|限位|安全装置|保险装置|防护装置|报警器)[^，。！？,]{0,4}(?:拆|坏|失灵|不灵|有问题)|(?:不|没|未|无)[^，。！？,]{0,6}(?:安全带|安全绳)|中暑了|(?:几个|多个|有人|工友|工人)中暑|中暑(?:倒|晕)|(?:好几|几|多|两|三)个人?(?:被)?(?:烫伤|烧伤|砸伤|压伤|电伤)/g;
// 冲塌了 is a home washed away by a flood, past: hardship, not a hazard at work.
// "没有人受伤", "不会跳楼的", "没出人命": a danger word just after a negation is the caller saying it did not happen.
const negated = /(?:没有?|未|不会|不要|别|并没有?|无)(?:人|再)?$/;
// 众: a gathering or collective action (the headcount threshold is applied apart).
// A sit-in says it in its own words: 坐着不走, 不给钱不走, 守在门口, 都停在门口.
const gathering =
  /聚集|围堵|堵在|堵门|堵路|拉横幅|横幅|集体停|集体去|集体上访|集体罢|停跑|罢工|静坐|坐着不走|不给钱(?:就)?不走|(?:门口|项目部|办公室|政府)(?:坐着|守着|围着)|(?:坐|守|蹲|堵|围)[^，。！？]{0,8}不走|集体不|(?:都|全)停在|都不干了|一起去|组团|群体/g;
// 多: the caller says it was reported before (to us or to the authorities): an ordinal of calls, a past report, an
// answer promised and not kept. Not what was asked of the employer (多次讨要) and not a bare 还是没有.
const repeat =
  /第[二三四五六七八九十两2-9]+(?:次|回|遍)|又是我|又打|再次(?:来电|反映|打|投诉|求助)|再反映|多次(?:反映|向|来电|投诉|打)|反映过|反映了(?:好几|几|两|三|多)次|投诉过|打过[^，。！？]{0,4}电话|之前打过|上[回次](?:你们|打|反映|说)|上个?(?:月|礼拜|星期|周)[^，。！？]{0,3}(?:打|反映)过|去年就打过|你们(?:说会|说联系|说给|说帮|转过去|转给|答应)|找了好几次|好几次了|还是没人管|没下文|没人联系我|没人给我回话|一直没解决/g;
// 大: a large amount in words, or a large public impact.
const largeWords = /上百万|几百万|上千万|影响(?:很|特别)?大|社会影响/g;
// 隐: escalation outside the channel (media, petition, unrest) that may grow.
const hidden =
  /媒体|记者|曝光|抖音|快手|短视频|发视频|网上发|发到网上|发帖|热搜|舆论|上访|信访|去北京|到北京|去省里|去省政府|去市里|省委|市政府|区政府|越级|闹事|扬言|过激/g;
// Urgent: something under way now, or set for today or tomorrow.
const nowOrTomorrow = /现在|正在|刚才|今天|今晚|今早|明天|明早|马上|已经在|还在/;

/**
 * Where a 危 came from: a word of the lists (the agent can check it in the text), or the danger model alone, whose
 * probability is shown beside the words that weighed most for it: weaker evidence, to be checked before it is taken.
 */
export type DangerBasis = { by: 'words'; confidence: null } | { by: 'model'; confidence: number };
export type RiskReading = {
  flags: RiskFlagCode[];
  urgent: boolean;
  evidence: Partial<Record<RiskFlagCode | 'urgent', string[]>>;
  /** null when no 危 is raised. */
  dangerBasis: DangerBasis | null;
};

// Not a report of danger now, by the 危 rule (../README.md): a case that has not happened ("万一哪天塌方被埋了", in the
// clause before the word), a feeling about the work ("觉得太危险了想辞职"), or a danger the text says is over with
// no work going on ("住了ICU，现在已经转到普通病房了，医生说没有生命危险了"; "砸塌了半间，人没事").
const hypotheticalClause = /万一|如果|要是|假如/;
const feeling = /觉得|感觉|担心/;
const over =
  /没有生命危险|脱离(?:了)?危险|人没事|没人受伤|没有人受伤|没人伤着|已经(?:加固|修好|排除|出院)|转到普通病房|现在没(?:啥|什么)?事|(?:早就|已经|现在|都)好了/;
const goesOn = /还让|还要|接着|继续|照常|不让(?:出|撤|走|停)|不许|还在(?:干|下面|里面|上面|作业|抢救)/;

const words = (re: RegExp, text: string) => [...new Set([...text.matchAll(re)].map((m) => m[0]))];
const clauseBefore = (text: string, at: number) =>
  text
    .slice(0, at)
    .split(/[，。！？,;；!?]/)
    .pop() ?? '';
const dangerWordsOf = (text: string) => {
  if (over.test(text) && !goesOn.test(text)) return [];
  return [selfHarm, violence, hazard].flatMap((re) =>
    [...text.matchAll(re)]
      .filter((m) => !negated.test(text.slice(Math.max(0, m.index! - 4), m.index!)))
      .filter((m) => !hypotheticalClause.test(clauseBefore(text, m.index!)))
      .filter((m) => !(/危险/.test(m[0]) && feeling.test(clauseBefore(text, m.index!))))
      .map((m) => m[0]),
  );
};

/**
 * learned: the danger model's reading (read-request.ts), raised when its probability reaches the threshold, with the
 * words that weigh most for it. The lists stay first (their words are what an agent checks); the model adds the
 * phrasings they lack, which on requests written after the lists was most of them.
 */
export function readRisk(
  text: string,
  facts: { workers: number | null; amountYuan: number | null },
  t: RiskThresholdsLike,
  learned?: { raised: boolean; words: string[]; p?: number },
): RiskReading {
  const evidence: RiskReading['evidence'] = {};
  const flags: RiskFlagCode[] = [];
  const raise = (flag: RiskFlagCode, ev: string[]) => {
    if (!ev.length) return;
    flags.push(flag);
    evidence[flag] = ev;
  };
  const listed = [...new Set(dangerWordsOf(text))];
  // No special case for a reminder to take care ("今天雨大，大家注意安全"): reader-4 and -5 read it as 危 alone and
  // were overruled here; reader-6 learned from reminders labelled not 危 (requests 803–898) and reads them under the
  // threshold itself (evaluation.test.ts holds it to that).
  const dangerWords = listed.length ? listed : learned?.raised ? learned.words : [];
  raise('danger', dangerWords);
  const dangerBasis: DangerBasis | null = listed.length
    ? { by: 'words', confidence: null }
    : dangerWords.length
      ? { by: 'model', confidence: Math.round((learned?.p ?? 0) * 1000) / 1000 }
      : null;
  const gatherWords = words(gathering, text);
  raise('mass', [...((facts.workers ?? 0) >= t.massWorkers ? [`${facts.workers}人`] : []), ...gatherWords]);
  raise('repeat', words(repeat, text));
  raise('large', [...((facts.amountYuan ?? 0) >= t.largeAmount ? [`${facts.amountYuan}元`] : []), ...words(largeWords, text)]);
  const hiddenWords = words(hidden, text);
  raise('hidden', hiddenWords);
  const when = nowOrTomorrow.exec(text)?.[0];
  const urgent = dangerWords.length > 0 || (!!when && (gatherWords.length > 0 || hiddenWords.length > 0));
  if (urgent) evidence.urgent = dangerWords.length ? dangerWords : [when!, ...gatherWords, ...hiddenWords];
  return { flags, urgent, evidence, dangerBasis };
}
