/**
 * The cues of the 危 labelling rule (../README.md, "危 (danger): the labelling rule") as features of the danger model.
 * The rule turns on "now": a body in danger, something failing, a weapon or a means of self-harm, while it is still
 * going on. Over words alone the model learned the setting of most 危 requests instead (工地, 工钱, 讨薪: a plain
 * wage claim read 0.4–0.5) and could not tell a past injury, a fear of what may happen (万一) or a reminder to take
 * care (注意安全) from a report. So the kinds of words the rule names are given to it as features ("d:body+now"),
 * like the type rule's cues to the type model (type-cues.ts), and learned like any word. Each list is written as the
 * kinds of words callers use, not as the phrasings of the labelled requests.
 */

// A body in danger: fallen, unconscious, bleeding, trapped, short of breath.
const body =
  /倒了|倒地|倒在|趴地|晕过去|晕倒|晕低|昏|叫不醒|喊不醒|叫不应|喊不应|不省人事|起不来|动不了|流血|出血|吐血|口吐|抽搐|憋得|喘不|站不住|头晕|恶心|被埋|被困|埋在|困在|压在|卡在|被带进|卷进|呛|烫伤|烧伤|砸伤|划伤|打破|抢救|重症|ICU/;
// Something failing: cracking, collapsing, tilting, bending, snapping, leaking, burning, flooding, an alarm sounding.
const failing =
  /裂|塌|垮|歪|弯了|断了|崩了|变形|漏|渗|冒烟|冒火|火花|起火|着火|烧起来|冒(?:水|味|黄|白|黑)|透水|出水|淹|往下(?:掉|滑|出溜|塌)|掉(?:渣|土|石|碎石)|炸|爆|报警|超标|停了|坏了|失灵|不灵|咔咔|没断电|没有?通风/;
// A weapon or an assault.
const weapon = /刀|棍|棒|扳手|铁锹|钢管|砖头|汽油|往[^，。！？]{0,4}(?:冲|撞)|掐|踹|揍|打我|打人|打了|按在地上|追着|锁在|关在|堵在|拖进|拽|推搡|弄死|收拾/;
// A means or a place of self-harm, or a farewell (also a cue of the type rule's first bullet, type-cues.ts).
export const selfHarm =
  /跳|蹦|窗台|楼顶|天台|楼上|楼板边|江边|河边|桥上|栏杆|农药|药都|安眠药|炭|上吊|割腕|不活|想死|活够|别找我|留了句话|用不着了|再见了|永别|后事|照顾好|对不起/;
// Now: under way, or work goes on.
const now = /现在|正在|刚才|刚刚|今天|今早|今晚|今儿|今个|今日|马上|还在|还让|还要|接着|继续|照常|不让(?:出|撤|走|停|打)|不许|别停|不能停/;
// Past and over: a date gone by, healed, nobody hurt, made safe.
const past =
  /去年|前年|上个?月|上礼拜|上星期|上周|当时|后来|那阵子|那会儿|以前|年初|早就好|已经好|现在好|都好了|治好|痊愈|没人受伤|没有人受伤|没人伤着|人没事|没有生命危险|加固了|扑灭|验收了/;
// A case that has not happened: a fear, a hypothesis.
const hypothetical = /万一|如果|要是|假如|哪天|的话/;
// Wishing others safety, not reporting a threat (the chat line "今天雨大，大家注意安全").
const reminder = /(?:注意|当心|小心|做好)(?:安全|防暑|防寒|保暖|身体|路滑|防护)|别摔|多喝水|别中暑/;

export function dangerCues(text: string): string[] {
  const out: string[] = [];
  const isNow = now.test(text);
  const isPast = past.test(text);
  for (const [name, re] of [
    ['body', body],
    ['failing', failing],
    ['weapon', weapon],
    ['self', selfHarm],
  ] as const) {
    if (!re.test(text)) continue;
    out.push(`d:${name}`);
    if (isNow) out.push(`d:${name}+now`);
  }
  if (isPast && !isNow) out.push('d:past');
  if (isPast && isNow) out.push('d:past+now');
  if (hypothetical.test(text)) out.push('d:hypothetical');
  if (reminder.test(text)) out.push('d:reminder');
  return out;
}

/** The cues as model features, three copies each like the keyword lists (classifier.ts), so a cue weighs like several words. */
export const dangerCueFeatures = (text: string) => dangerCues(text.normalize('NFKC')).flatMap((c) => [c, `${c}#1`, `${c}#2`]);
