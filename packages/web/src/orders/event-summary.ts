import type { OrderEvent } from '../api/types.js';
import type { Lang, T } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { attachmentKindLabels, noteKindLabels, priorityLabels, satisfactionLabels, stateLabels } from '../shared/labels.js';

/** The five flags of 危众多大隐 (catalog codes; the catalog's names are the same words). */
const riskFlagWords: Record<string, string> = { danger: '危', mass: '众', repeat: '多', large: '大', hidden: '隐' };

/** The deadlines a recomputation may move (server: deadlines_recomputed changes[].field). */
const recomputedFields: Record<string, string> = {
  currentDueAt: '当前环节期限',
  replyDueAt: '办结期限',
  returnDueAt: '退单期限',
  callbackDueAt: '回访期限',
};

/** Names in a list: 、 in Chinese, a comma in English. */
const listed = (names: string[], t: T) => names.join(t('、'));

const flagWords = (flags: string[], t: T) =>
  flags.length
    ? listed(
        flags.map((f) => t(riskFlagWords[f] ?? f)),
        t,
      )
    : t('无');

/**
 * Risk flags changed after intake (a caller attached, orders merged), and with them maybe the limits: into or out
 * of the emergency mechanism, the current step's deadline counted again (server: orders/domain/retime.ts).
 */
function flagChange(d: Record<string, unknown>, t: T): string[] {
  const out: string[] = [];
  const flags = d.riskFlags as { before?: string[]; after?: string[] } | undefined;
  if (flags && !Array.isArray(flags) && flags.before && flags.after && flags.before.join() !== flags.after.join())
    out.push(t('风险标识：{from} → {to}', { from: flagWords(flags.before, t), to: flagWords(flags.after, t) }));
  const limits = d.limits as { priority: { to: string }; dueAt: { from: string | null; to: string | null } } | undefined;
  if (!limits) return out;
  out.push(
    limits.priority.to === 'major'
      ? t('进入应急机制，时限按重大工单计')
      : t('退出应急机制，时限按{priority}工单计', { priority: t(priorityLabels[limits.priority.to] ?? limits.priority.to) }),
  );
  if (limits.dueAt.from !== limits.dueAt.to)
    out.push(
      t('当前环节期限：{from} → {to}', {
        from: limits.dueAt.from ? formatTime(limits.dueAt.from) : t('无'),
        to: limits.dueAt.to ? formatTime(limits.dueAt.to) : t('无'),
      }),
    );
  return out;
}

type Named = { id?: string; name?: string; number?: string };
const named = (v: unknown): Named | null => (v && typeof v === 'object' ? (v as Named) : null);

/**
 * The facts an event carries, in words (the note is shown on its own). `unitNames`: names of the units events name
 * by id only (the order's co-handlers); an id not in it is counted, not named.
 */
export function eventFacts(
  e: OrderEvent,
  t: T,
  unitNames?: ReadonlyMap<string, string>,
  /** A division code's name (shared/reference.ts useDivisionName): a place correction names the district. */
  divisionName: (code: string) => string = (code) => code,
): string[] {
  const d = e.data ?? {};
  const out: string[] = [];
  const to = named(d.toUnit);
  if (to?.name) out.push(t('→ {unit}', { unit: to.name }));
  if (Array.isArray(d.coHandlers) && d.coHandlers.length)
    out.push(
      t('协办：{units}', {
        units: listed(
          (d.coHandlers as Named[]).map((c) => c.name ?? ''),
          t,
        ),
      }),
    );
  const co = named(d.coHandler);
  if (co?.name) out.push(t('协办单位：{unit}', { unit: co.name }));
  // A co-handler's task is also the invitation's note (server: inviteCoHandlerEffect), shown below as written: said once.
  if (typeof d.task === 'string' && d.task && d.task !== e.note) out.push(t('任务：{task}', { task: d.task }));
  if (d.redispatch === true) out.push(t('下派'));
  const place = d.place as
    | { from?: { text: string | null; divisionCode: string | null }; to?: { text: string | null; divisionCode: string | null } }
    | undefined;
  if (place?.to) {
    const words = (p?: { text: string | null; divisionCode: string | null }) =>
      [p?.text, p?.divisionCode && `(${divisionName(p.divisionCode)})`].filter(Boolean).join(' ') || '—';
    out.push(t('地点更正：{from} → {to}', { from: words(place.from), to: words(place.to) }));
  }
  if (d.lateSign === true) out.push(t('超时签收'));
  if (d.onTime === false) out.push(t('超过期限'));
  if (typeof d.kind === 'string' && e.action === 'add_note') out.push(t(noteKindLabels[d.kind] ?? d.kind));
  if (typeof d.fileName === 'string') out.push(`${t('{label}：', { label: t(attachmentKindLabels[String(d.kind)] ?? String(d.kind)) })}${d.fileName}`);
  if (typeof d.requestedDueAt === 'string') out.push(t('申请延至 {time}', { time: formatTime(d.requestedDueAt) }));
  if (d.approved === true) out.push(t('同意延期，新期限 {time}', { time: formatTime(String(d.newDueAt ?? '')) }));
  if (d.approved === false) out.push(t('不同意延期'));
  const outcome = d.outcome as { resolved?: boolean; amountRecovered?: number; workersHelped?: number } | undefined;
  if (outcome && typeof outcome === 'object') {
    out.push(outcome.resolved ? t('已解决') : t('未解决'));
    if (outcome.amountRecovered) out.push(t('追回 {amount} 元', { amount: outcome.amountRecovered.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) }));
    if (outcome.workersHelped) out.push(t('帮助 {n} 人', { n: outcome.workersHelped }));
  }
  // A reply given while co-handlers had not reported their part: the reviewer must see it (server: reply event).
  if (e.action === 'reply' && Array.isArray(d.coHandlersWithoutReply) && d.coHandlersWithoutReply.length) {
    const ids = d.coHandlersWithoutReply as string[];
    const names = ids.map((id) => unitNames?.get(id)).filter((n): n is string => !!n);
    out.push(names.length === ids.length ? t('协办单位未反馈：{units}', { units: listed(names, t) }) : t('{n} 个协办单位未反馈', { n: ids.length }));
  }
  // A rework or reopen whose restarted limit would have ended before an approved extension: the extended date is kept.
  if (typeof d.keptExtendedDueAt === 'string') out.push(t('保留已批准的延期，办结期限 {time}', { time: formatTime(d.keptExtendedDueAt) }));
  if (d.result === 'unreachable') out.push(t('第 {n} 次未接通', { n: Number(d.attempt ?? 1) }));
  if (Array.isArray(d.callers)) {
    const each = d.callers as { result: string; handlingSatisfaction?: string }[];
    const reached = each.filter((c) => c.result === 'reached');
    out.push(
      t('逐人回访：接通 {reached} 人（不满意 {dissatisfied} 人），未接通 {away} 人', {
        reached: reached.length,
        dissatisfied: reached.filter((c) => c.handlingSatisfaction === 'dissatisfied').length,
        away: each.length - reached.length,
      }),
    );
  }
  if (typeof d.handlingSatisfaction === 'string') out.push(t('办理结果：{s}', { s: t(satisfactionLabels[d.handlingSatisfaction] ?? d.handlingSatisfaction) }));
  if (typeof d.callSatisfaction === 'string') out.push(t('热线服务：{s}', { s: t(satisfactionLabels[d.callSatisfaction] ?? d.callSatisfaction) }));
  const linked = named(d.linkedOrder);
  if (linked?.number) out.push(t('关联 {number}', { number: linked.number }));
  if (Array.isArray(d.sources))
    out.push(
      t('并入 {numbers}', {
        numbers: listed(
          (d.sources as Named[]).map((s) => s.number ?? ''),
          t,
        ),
      }),
    );
  if (typeof d.mergedInto === 'string' && e.action === 'merge') out.push(t('已并入其他工单'));
  if (e.action === 'unmerge') {
    out.push(
      t('恢复为“{state}”，来电人 {n} 名转回', {
        state: t(stateLabels[String(d.state) as keyof typeof stateLabels] ?? String(d.state)),
        n: Number(d.callers ?? 0),
      }),
    );
  }
  const undone = named(d.source);
  if (e.action === 'merge_undone' && undone?.number)
    out.push(t('{number} 撤销合并，转出来电人 {n} 名', { number: undone.number, n: Number(d.callersMoved ?? 0) }));
  if (typeof d.callerCount === 'number' && e.action === 'attach_caller') out.push(t('来电人共 {n} 名', { n: d.callerCount }));
  out.push(...flagChange(d, t));
  const lawyer = named(d.lawyer);
  if (lawyer?.name) out.push(t('律师：{name}', { name: lawyer.name }));
  if (Array.isArray(d.lawCited) && d.lawCited.length) out.push(t('引用：{laws}', { laws: listed(d.lawCited as string[], t) }));
  if (d.legalAidRecommended === true) out.push(t('建议申请法律援助'));
  if (Array.isArray(d.riskFlags) && d.riskFlags.length && e.action === 'create')
    out.push(
      t('风险标识：{flags}', {
        flags: listed(
          (d.riskFlags as string[]).map((f) => t(riskFlagWords[f] ?? f)),
          t,
        ),
      }),
    );
  if (e.action === 'deadlines_recomputed' && Array.isArray(d.changes)) {
    for (const c of d.changes as { field: string; from: string; to: string }[]) {
      out.push(t('{deadline}：{from} → {to}', { deadline: t(recomputedFields[c.field] ?? c.field), from: formatTime(c.from), to: formatTime(c.to) }));
    }
    if (d.stillProvisional === true) out.push(t('仍有期限落在暂定日历'));
  }
  const partner = named(d.partner);
  if (partner?.name && (e.action === 'transferred_out' || e.action === 'transfer_answered')) out.push(t('对方：{name}', { name: partner.name }));
  if (e.action === 'referred' || e.action === 'referral_result') out.push(t(String(d.channel) === 'petition' ? '信访部门' : '法律援助机构'));
  if (e.action.startsWith('letter_') && typeof d.number === 'string') out.push(t('文号 {number}', { number: d.number }));
  if (e.action === 'mediation_agreement' && typeof d.amount === 'number')
    out.push(
      t('协议金额 {amount} 元，覆盖 {n} 人', { amount: d.amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 }), n: Number(d.workersCovered ?? 0) }),
    );
  if (e.action === 'mediation_payment' && typeof d.paidAmount === 'number')
    out.push(t('第 {n} 期已付 {amount} 元', { n: Number(d.instalment ?? 0) + 1, amount: d.paidAmount.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) }));
  const article = named(d.article) as { title?: string } | null;
  if (article?.title && e.action === 'article_used') out.push(t('文章：{title}', { title: article.title }));
  if (e.action === 'self_rated' && typeof d.satisfaction === 'string') out.push(t(satisfactionLabels[d.satisfaction] ?? d.satisfaction));
  if (Array.isArray(d.clearedRiskFlags) && e.action === 'create') {
    for (const c of d.clearedRiskFlags as { flag: string; reason: string }[]) {
      out.push(t('清除风险标识“{flag}”：{reason}', { flag: t(riskFlagWords[c.flag] ?? c.flag), reason: c.reason }));
    }
  }
  return out;
}

/**
 * The supervision timers' notes, as the server writes them (supervision.scan.ts: the signal's name and its deadline,
 * "超期升级（12月4日 14:28）"), by the signal in the event's data. A copy of the server's signalNames
 * (supervision/domain/timers.ts), held equal by the server's test supervision/domain/web-signal-notes.test.ts: a name
 * changed on one side only would leave that timer's note untranslated in English.
 */
export const signalNotes: Record<string, string> = {
  emergency: '应急机制启动',
  near_due: '临期提醒',
  overdue: '超期催办',
  escalated: '超期升级',
  progress_missing: '应急工单未报进展',
  callback_due: '回访提醒',
  callback_retry: '二次回访',
  instruction_requested: '请领导批示',
};

/** The ways of the emergency mechanism (server: supervision/instructions.service.ts emergencyWayNames). */
const emergencyWays: Record<string, string> = { dispatch: '派单交办', hotline: '热线直接办理', mediate: '调解处置' };

/**
 * An event's note in the interface language. A note is what a person wrote and is shown as written, but the system
 * writes some notes itself from the event's data: the timers' (the signal and its deadline) and the way chosen for an
 * emergency order (the way, then the person's words). A timer's is said again from the data in either language, its
 * deadline in the page's one time format (the server writes "12月4日 14:28" into the stored note, the rest of the page
 * "2026-12-04 14:28"); the way is said again in English. Any note that does not read as the server writes it is shown
 * as it is.
 */
export function eventNote(e: OrderEvent, t: T, lang: Lang): string | null {
  if (!e.note) return e.note;
  const d = e.data ?? {};
  const signal = typeof d.signal === 'string' ? signalNotes[d.signal] : undefined;
  // "超期升级（12月4日 14:28）", or naming the deadline (supervision/domain/notices.ts signalNote): "（派单时限 …）", "（期限 …）".
  const m = signal ? new RegExp(`^${signal}(?:（(?:(?:(.+?)时限|(期限)) )?\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}）)?$`).exec(e.note) : null;
  if (signal && m) {
    const time = typeof d.dueAt === 'string' && e.note !== signal ? formatTime(d.dueAt) : null;
    if (!time) return lang === 'zh' ? e.note : t(signal);
    if (m[1]) return t('{signal}（{step}时限 {time}）', { signal: t(signal), step: t(m[1]), time });
    if (m[2]) return t('{signal}（期限 {time}）', { signal: t(signal), time });
    return t('{signal}（{time}）', { signal: t(signal), time });
  }
  if (lang === 'zh') return e.note;
  const way = e.action === 'record_emergency_way' && typeof d.way === 'string' ? emergencyWays[d.way] : undefined;
  if (way && e.note.startsWith(way)) {
    const rest = e.note.slice(way.length).replace(/^：/, '');
    return rest ? `${t('{label}：', { label: t(way) })}${rest}` : t(way);
  }
  return e.note;
}
