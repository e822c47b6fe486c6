/**
 * The English of a notification, for a reader whose interface is English. A notice is written in Chinese and stored as
 * text (its title is also the text of its SMS and its webhook, which leave the system in Chinese), so it is translated
 * when read, like the server's messages (platform/i18n/english.ts): a table keyed by the Chinese text, with slots for
 * the parts that vary. The catalog's subject names come in the reader's language (`names`); what people wrote (a
 * leader's instruction, a meeting's decision, a caller's comment) and the names of units, people and employers stay as
 * written. A text no pattern knows stays Chinese rather than guessed.
 */

/** The catalog's English for a subject, by its Chinese name or its code; undefined when the catalog does not know it. */
export type NoticeNames = { subject: (zhOrCode: string) => string | undefined };

const stepWords: Record<string, string> = { 派单: 'dispatch', 签收: 'sign-for', 退单: 'return', 办结反馈: 'reply', 回访: 'callback', 审核: 'review' };
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthDay = (m: string, d: string) => `${months[Number(m) - 1] ?? m} ${Number(d)}`;

type Slot = { re: string; en: (s: string, names: NoticeNames) => string };

/** An order as notices name it (notice.ts `orderLabel`), alone or as the first of a wave (supervision/domain/waves.ts). */
function orderEnglish(s: string, names: NoticeNames): string {
  const m = /^工单 (\S+?)（(.+?)）(?:等 (\d+) 张（同一用人单位）)?$/s.exec(s);
  if (!m) return s;
  const one = `order ${m[1]} (${names.subject(m[2]!) ?? m[2]})`;
  if (!m[3]) return one;
  const more = Number(m[3]) - 1;
  return `${one} and ${more} more ${more === 1 ? 'order' : 'orders'} of the same employer`;
}

/** A reason an employer is on the risk register (legal/domain/risk-assessment.ts). */
const reasons: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^近(\d+)天被诉求(\d+)次$/, (m) => `${m[2]} requests in the last ${m[1]} days`],
  [/^涉及金额大（单笔≥(\d+(?:\.\d+)?)万元）$/, (m) => `large amounts (one of ${(Number(m[1]) * 10_000).toLocaleString('en')} yuan or more)`],
  [/^涉及职工多（(\d+)人）$/, (m) => `many workers (${m[1]})`],
  [/^有涉危诉求$/, () => 'a request involving danger'],
  [/^有隐患（舆情、越级上访等）$/, () => 'hidden risks (public opinion, petitions to higher levels, etc.)'],
];
const reasonEnglish = (s: string) =>
  s
    .split('；')
    .map((r) => {
      for (const [re, en] of reasons) {
        const m = re.exec(r);
        if (m) return en(m);
      }
      return r;
    })
    .join('; ');

const same = (s: string) => s;
const slots: Record<string, Slot> = {
  order: { re: '工单 \\S+?（.+?）(?:等 \\d+ 张（同一用人单位）)?', en: orderEnglish },
  // The step of a deadline, right after the order (no separator in Chinese); absent for a signal without one.
  step: { re: '(?:派单|签收|退单|办结反馈|回访|审核)?', en: (s) => (s ? `, ${stepWords[s]} step` : '') },
  time: {
    re: '\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}',
    en: (s) => s.replace(/^(\d{1,2})月(\d{1,2})日 (\d{2}:\d{2})$/, (_x, m: string, d: string, hm: string) => `${monthDay(m, d)}, ${hm}`),
  },
  date: { re: '\\d{1,2}月\\d{1,2}日', en: (s) => s.replace(/^(\d{1,2})月(\d{1,2})日$/, (_x, m: string, d: string) => monthDay(m, d)) },
  day: { re: '\\d{4}-\\d{2}-\\d{2}', en: same },
  month: { re: '\\d{4}-\\d{2}', en: same },
  iso: { re: '\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z', en: same },
  n: { re: '\\d+(?:\\.\\d+)?', en: same },
  number: { re: '\\S+', en: same },
  subject: { re: '\\S+', en: (s, names) => names.subject(s) ?? s },
  window: { re: '今日|本周', en: (s) => (s === '今日' ? 'today' : 'this week') },
  // Names of units, people, employers and groups, and what people wrote: kept as they are.
  name: { re: '.+?', en: same },
  text: { re: '[\\s\\S]*?', en: same },
  reasons: { re: '.+?', en: reasonEnglish },
  // A wave's body: the first order's own body, then the list of the wave's numbers.
  body: { re: '[\\s\\S]*?', en: (s, names) => noticeEnglish(s, names) },
  subjects: { re: '(?:，涉及 \\d+ 个事项)?', en: (s) => s.replace(/^，涉及 (\d+) 个事项$/, ', about $1 subjects') },
  numbers: { re: '[^。]+?', en: (s) => s.replaceAll('、', ', ') },
  more: { re: '(?: 等 \\d+ 张)?', en: (s) => s.replace(/^ 等 (\d+) 张$/, ' and more ($1 in all)') },
};

/** Chinese → English; a slot `{name}` or `{name2}` is the part that varies, of the kind `slots[name]`. */
const templates: [zh: string, en: string][] = [
  // The supervision timers (supervision/domain/notices.ts)
  ['应急工单：{order}', 'Emergency order: {order}'],
  [
    '该工单已进入应急机制（危、众、多、大、隐或重大），请立即处置，每个工作日报告进展。',
    'The order is in the emergency mechanism (danger, mass, repeat, large, hidden or major): act at once and report progress every working day.',
  ],
  ['临期提醒：{order}{step}将于 {time} 到期', 'Due soon: {order}{step} due {time}'],
  ['请抓紧办理，避免超期。', 'Please act soon so that it does not go overdue.'],
  ['催办通知：{order}{step}已于 {time} 超期', 'Urging notice: {order}{step} overdue since {time}'],
  ['请立即办理并报告进展。', 'Please handle it at once and report progress.'],
  ['超期报告：{order}{step}已超期（期限 {time}）', 'Overdue report: {order}{step} overdue (due {time})'],
  ['下级单位办理超期，请跟踪督办。', 'A unit below is overdue: please follow it up.'],
  ['超期升级：{order}{step}超期已满一个时限', 'Escalated: {order}{step} overdue by a whole time limit'],
  ['原期限 {time}，请单位领导督促办理。', 'Was due {time}: the unit’s leader is asked to see it handled.'],
  ['超期升级：{order}{step}严重超期', 'Escalated: {order}{step} seriously overdue'],
  ['原期限 {time}，已升级至责任单位领导。', 'Was due {time}: escalated to the responsible unit’s leader.'],
  // Stored before session 39, when the unit escalated to was always the holder.
  ['原期限 {time}，已升级至承办单位领导。', 'Was due {time}: escalated to the handling unit’s leader.'],
  ['应急工单未报进展：{order}', 'No progress reported on an emergency order: {order}'],
  ['{date} 没有进展记录，应急工单每个工作日须报告进展。', 'No progress recorded on {date}: an emergency order reports progress every working day.'],
  ['回访提醒：{order}回访将于 {time} 到期', 'Callback due soon: {order}, callback due {time}'],
  ['请及时回访职工。', 'Please call the worker back in time.'],
  ['请批示：{order}', 'Instruction requested: {order}'],
  [
    '该工单来自全国总工会平台，须经省总工会领导批示后方可派单。',
    'The order came from the national platform: a provincial leader instructs before it is dispatched.',
  ],
  ['该工单由省总工会交办，须经本单位主要领导批示后方可办结反馈。', 'The province assigned the order: your unit’s principal leader instructs before the reply.'],
  ['二次回访：{order}上次回访未接通', 'Second callback: {order}, the last callback did not get through'],
  ['今天请再次回访。', 'Please call back again today.'],
  // A wave of one employer's orders (supervision/domain/waves.ts)
  [
    '{body}同一用人单位的 {n} 张工单，同一承办单位{subjects}：{numbers}{more}。',
    '{body} {n} orders of one employer at one handling unit{subjects}: {numbers}{more}.',
  ],
  // The orders' own notices (orders/domain/effects.ts)
  ['新工单待签收：{number}', 'New order to sign for: {number}'],
  ['邀请协办：{number}', 'Invited to co-handle: {number}'],
  ['工单被退回，待审核：{number}', 'Order returned, to review: {number}'],
  ['退单被驳回，请签收办理：{number}', 'Return refused, sign for it and handle it: {number}'],
  ['协办单位已反馈：{number}', 'A co-handler replied: {number}'],
  ['延期申请已批准：{number}', 'Extension approved: {number}'],
  ['延期申请未获批准：{number}', 'Extension refused: {number}'],
  ['承办单位已办结反馈，待审核：{number}', 'The handling unit replied, to review: {number}'],
  ['工单被退回重办：{number}', 'Sent back for rework: {number}'],
  ['回访不满意，请重启或归档：{number}', 'Callback dissatisfied, reopen or archive: {number}'],
  ['回访不满意，工单重启办理：{number}', 'Callback dissatisfied, the order is reopened: {number}'],
  ['催办：{order}', 'Urged: {order}'],
  ['{name} {name2}：{text}（请于 {iso} 前答复）', '{name} {name2}: {text} (answer by {iso})'],
  // Instructions (supervision/instructions.service.ts)
  ['领导批示：{order}', 'Leader’s instruction: {order}'],
  ['{name} {name2}：{text}（请确认批示并按批示办理）', '{name} {name2}: {text} (acknowledge the instruction and act on it)'],
  ['批示已确认：工单 {number}', 'Instruction acknowledged: order {number}'],
  ['{name} {name2} 已确认批示：{text}', '{name} {name2} acknowledged the instruction: {text}'],
  ['{name} {name2} 已确认批示', '{name} {name2} acknowledged the instruction'],
  // Reviews and circulars (supervision/reviews.service.ts, supervision.scan.ts)
  ['周例会督办事项：工单 {number}，请于 {day} 前落实', 'Weekly review item: order {number}, to be done by {day}'],
  ['周例会督办事项已超期：工单 {number}（期限 {day}）', 'Weekly review item overdue: order {number} (due {day})'],
  ['周例会督办事项今天到期：工单 {number}（期限 {day}）', 'Weekly review item due today: order {number} (due {day})'],
  // A follow-up whose owner cannot read its order: told to the one who recorded the meeting (supervision.scan.ts).
  [
    '周例会督办事项已超期，责任单位无权查看：工单 {number}（期限 {day}）',
    'Weekly review item overdue, and its owner cannot read the order: order {number} (due {day})',
  ],
  [
    '周例会督办事项今天到期，责任单位无权查看：工单 {number}（期限 {day}）',
    'Weekly review item due today, and its owner cannot read the order: order {number} (due {day})',
  ],
  [
    '责任单位「{name}」无权查看该工单，收不到提醒，也无法标记完成：请另行记录由能查看该工单的单位负责的督办事项，并将本项标记完成。会议决定：{text}',
    'The owner “{name}” cannot read the order, so it is not reminded and cannot mark the item done: record a follow-up owned by a unit that reads the order, and mark this one done. The meeting decided: {text}',
  ],
  ['{month} 月度通报：超期 {n} 件、退单 {n2} 件、不满意 {n3} 件', 'Monthly circular {month}: {n} overdue, {n2} returned, {n3} dissatisfied'],
  ['{name}：请对照通报整改。{text}', '{name}: please put right what the circular names. {text}'],
  // Elsewhere: the self-service page, the risk register, surges, WeChat service groups
  ['来电人自评不满意：{number}', 'The caller rated the handling dissatisfied: {number}'],
  ['风险用人单位：{name}', 'Risk employer: {name}'],
  [
    '{name}已列入风险用人单位名录（{reasons}），请安排法律监督走访。',
    '{name} is on the risk-employer register ({reasons}): please arrange a legal-supervision visit.',
  ],
  ['诉求激增：{name} {subject} {window} {n} 件（常态约 {n2} 件）', 'Surge: {subject} in {name}, {n} {window} (usually about {n2})'],
  ['微信服务群“{name}”有一条疑似诉求待确认', 'WeChat service group “{name}”: a possible request awaits confirmation'],
  // A knowledge version submitted for review (knowledge/knowledge.service.ts): the title, then who and which version.
  ['知识条目待审核：{name}', 'Knowledge article to review: {name}'],
  ['{name} 提交了第 {n} 版：{text}', '{name} submitted version {n}: {text}'],
  ['{name} 提交了第 {n} 版', '{name} submitted version {n}'],
  // An urge without a date to answer by: the unit and the person, then their words (last: it matches any such text).
  ['{name} {name2}：{text}', '{name} {name2}: {text}'],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = templates.map(([zh, en]) => {
  const parts = zh.split(/\{(\w+)\}/);
  const names: string[] = [];
  const source = parts
    .map((p, i) => {
      if (i % 2 === 0) return escape(p);
      const slot = slots[p.replace(/\d+$/, '')];
      if (!slot) throw new Error(`notice template ${zh}: unknown slot ${p}`);
      names.push(p);
      return `(${slot.re})`;
    })
    .join('');
  return { re: new RegExp(`^${source}$`, 's'), en, names };
});

/** The English of a notification's title or body; the text itself when no pattern knows it. */
export function noticeEnglish(zh: string, names: NoticeNames): string {
  for (const t of compiled) {
    const m = t.re.exec(zh);
    if (!m) continue;
    const values = new Map(t.names.map((n, i) => [n, slots[n.replace(/\d+$/, '')]!.en(m[i + 1] ?? '', names)]));
    return t.en.replace(/\{(\w+)\}/g, (s, n: string) => values.get(n) ?? s).trim();
  }
  return zh;
}

/** Every template's Chinese and English, for the tests. */
export const noticeTemplates: readonly (readonly [string, string])[] = templates;
