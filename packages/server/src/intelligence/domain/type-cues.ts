/**
 * The cues of the type labelling rule (../README.md, "Type: the labelling rule") as features of the type model. The
 * rule turns on combinations the words alone do not carry: a party's act the caller questions is a complaint however
 * it is asked ("公司说年假作废，这合法吗"), a question of fact with no such act is a consultation even when its words are
 * a complaint's (工伤, 社保), asking the union for a thing is help, and despair is help whatever caused it. A linear
 * model over words cannot form "act and question" or "question and no act", so these are given to it as features
 * ("x:act+asks"), weighed like the keyword lists (three times) and learned like any word.
 */

import { selfHarm } from './danger-cues.js';

// A party (employer, foreman, platform or station, union or its officers …): "医院说" is a diagnosis, so no 医院.
const partyWord =
  '(?:公司|老板|老板娘|厂|单位|工头|包工头|项目部|项目上|平台|站点|站长|网点|矿|领导|经理|主管|组长|班长|主任|护士长|人事|物业|店|酒店|学校|派遣公司|外包公司|工会|主席|园方|企业)[^，。？！,?!]{0,8}';
// … doing or refusing something to the caller, or done to them (被扣, 拖欠); 强制 and 强迫 (reader-9): "公司强制我们每天
// 加班到十点不给加班费" puts its refusal past the eight characters a party may stand before it.
const harm = new RegExp(
  `${partyWord}(?:不给|不让|不批|只给|只发|只交|只有|不交|没交|没给|没发|不发|扣|拖|不管|不认|拒|逼|辞|开除|不续|不签|弄丢|不开|取消|降|罚|封|强制|强迫)|被(?:拒|扣|辞|开除|罚|封|骂|打|拖欠|克扣)|拖欠|欠(?:了)?(?:我|我们|俺|他)`,
);
// … or saying, ruling or arranging something the caller may question.
const said = new RegExp(`${partyWord}(?:说|让|要求|规定|安排|调)`);
// A case that has not happened: "万一老板不认账", "试用期被辞退的话".
const hypothetical = /万一|如果|要是|假如|的话/;
// Asking whether it is allowed, or where to seek redress for the act (该找谁, 去哪里投诉, reader-9, as 去哪告 and 找谁说理
// already were): the question the rule says does not make an act a consultation ("请问公司不签劳动合同该找谁").
const asksIfAllowed =
  /合法|合理|合规|符合规定|对吗|对不对|可以吗|可以这样|能这样|行吗|能行吗|这样也行|有没有道理|有没有这个说法|有效吗|算数吗|是不是这样|真的吗|这算什么|归谁管|谁管|能不管|该怎么办|咋办|怎么办|怎么维权|去哪告|找谁说理|该找谁|找谁(?:反映|投诉|解决|处理|管)|哪(?:里|儿)?(?:反映|投诉|举报)/;
// A question of fact: how, where, when, what papers, which conditions, how much; or a request for information said as
// such (咨询, 了解, 请教, 打听, 请问, 问一下: reader-9). "想咨询一下加班费的计算方法" and "想了解一下带薪年休假的天数" have
// no question word, so no cue fired and the type model's leaning to complaint decided (a complaint is the larger part
// of the labelled set, the more so on the phone): reader-8 read "我想了解一下加班费的计算方法" as a complaint (0.74). With
// an act these make x:act+fact as before ("请问拖欠三个月工资怎么办" stays a complaint: x:act+allowed).
const asksFact =
  /怎么|咋|如何|在哪|哪里|去哪|哪个|哪一级|找谁|什么时候|啥时候|多少|几天|多久|哪些|什么材料|啥材料|什么手续|什么条件|是什么|算不算|能不能|还能|来得及|有没有|吗[？?]?$|吗[，,]|(?<!心理|法律)咨询(?!室|服务|师)|(?:想|要|来)了解|了解(?:一下|下)|请教|打听|请问|问一下|问下|问问|想问|问个/;
// Asking the union to give or do something (加班 is not a class).
const asksThing =
  /能不能(?:帮|给|派|来|在|考虑|让人)|能帮|帮帮|帮我|帮俺|帮他|帮一把|帮衬|救救|想申请|申请个|请求(?:帮|工会|给予)|有没有[^，。？]{0,10}(?:培训|救助|补助|帮扶|心理|推荐|聊|地方|(?<!加)班)|想找个|想成立|想建|重新建|指导|介绍|推荐/;
// Despair or self-harm without a demand: help, whatever caused it.
const crisis =
  /不想活|活着[^，。]{0,4}没|撑不下去|扛不住|熬不住|崩溃|控制不住|轻生|跳楼|楼顶|遗书|对不起我们|说说话|说说心里|聊聊|没用了|心慌|噩梦|睡不着|楼上下去/;

// A self-harm or violent threat made to press a demand ("不给钱就跳下来", "拿不到钱就带着汽油"): a complaint, by the
// last sentence of rule 1, though its words are a crisis's.
const threat = /(?:不给|不发|不结|拿不到|要不到|再不)[^，。！？]{0,8}就(?:从|去|要|带|跟|在|死|跳|喝|烧|点|同归)/;
// The other kinds rule 1 names, said without the words of despair above (reader-7): life not worth living, no way
// left, and a farewell (entrusting children, money or things, not being a burden any more, goodbye). With the danger
// rule's means and places of self-harm (danger-cues.ts: a rope, pills, charcoal, a bridge, a rooftop), which rule 1
// counts as help when they press no demand. Written from the kinds of the training requests up to 960, not from
// those written after them, which checked it (README, reader-7).
const farewell = /活着[^，。！？]{0,6}(?:没|累)|没办法了|没活路|想死|死了算了|交给(?:你|我|她|他)了|交代|不麻烦|再见|永别|用不上了|用不着了/;

/** Rule 1: despair, self-harm or a farewell, and no demand pressed with it. */
const isCrisis = (text: string) => (crisis.test(text) || farewell.test(text) || selfHarm.test(text)) && !threat.test(text);

export function typeCues(text: string): string[] {
  const out: string[] = [];
  const ifSo = hypothetical.test(text);
  // A harm said under a hypothetical ("如果老板拖着工资不给", "要是公司不给我交社保") has not happened: rule 4, a
  // consultation. It is its own cue, not x:harm, which the model learned from acts that have (reader-8).
  const hurt = harm.test(text) && !ifSo;
  const act = (hurt || said.test(text)) && !ifSo;
  if (ifSo && harm.test(text)) out.push('x:harm+hypothetical');
  const allowed = asksIfAllowed.test(text);
  const fact = asksFact.test(text);
  const thing = asksThing.test(text);
  if (hurt) out.push('x:harm');
  if (act && allowed) out.push('x:act+allowed');
  else if (act && fact) out.push('x:act+fact');
  else if (act) out.push('x:act');
  else if (thing) out.push('x:thing');
  else if (fact) out.push('x:fact');
  if (isCrisis(text)) out.push('x:crisis');
  else if (threat.test(text)) out.push('x:threat');
  return out;
}

/** The cues as the type model's features, three times over like the keyword lists; the subject model sees the crisis cue alone (below). */
export const typeCueFeatures = (text: string) => typeCues(text.normalize('NFKC')).flatMap((k) => [k, `${k}#1`, `${k}#2`]);

/**
 * The crisis cue alone, for the subject model (reader-7): a farewell with unpaid wages behind it reads wage_arrears
 * on its words, and the catalog's pairing then halves help (type-by-subject.ts). The other cues lowered subject when
 * the subject model was given them (README, reader-3); this one raised it in cross-validation.
 */
export const crisisCueFeatures = (text: string) => (isCrisis(text.normalize('NFKC')) ? ['x:crisis', 'x:crisis#1', 'x:crisis#2'] : []);
