/**
 * A year's holiday notice from a file instead of typed in: an iCalendar file (.ics, as the calendar subscriptions of
 * the notice publish it: one all-day event per holiday block or make-up working day) or JSON (the import's own
 * { holidays, makeupDays } lists, or chinese-days' year file { holidays: { date: "English,中文,n" }, workdays }).
 * Pure: text in, the notice's two lists for one year out (then checked by planCalendarYear like a typed one).
 */
import { isCalendarDate, type NamedDate } from './calendar-year.js';
import { addDaysToDate } from './working-time.js';

export type NoticeFormat = 'ics' | 'json';
export type NoticeLists = { holidays: NamedDate[]; makeupDays: NamedDate[] };
export type NoticeParse = { ok: true; lists: NoticeLists } | { ok: false; message: string };

const fail = (message: string): NoticeParse => ({ ok: false, message });
/** Longest block one event may span: a typo in DTEND must not list a year of holidays. */
const maxEventDays = 31;

export function parseNoticeFile(format: NoticeFormat, content: string, year: number): NoticeParse {
  const parsed = format === 'ics' ? parseIcs(content) : parseJson(content);
  if (!parsed.ok) return parsed;
  const inYear = (d: NamedDate) => d.date.startsWith(`${year}-`);
  const lists = { holidays: dedupe(parsed.lists.holidays.filter(inYear)), makeupDays: dedupe(parsed.lists.makeupDays.filter(inYear)) };
  if (!lists.holidays.length) return fail(`文件中没有 ${year} 年的放假日期`);
  return { ok: true, lists };
}

const dedupe = (list: NamedDate[]) => {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(d.date) && !!seen.add(d.date)).sort((a, b) => (a.date < b.date ? -1 : 1));
};

/** '春节(休)', '国庆节（班）', '元旦 补班' → '春节', '国庆节', '元旦'. */
function holidayNameOf(summary: string): string {
  const name = summary
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/补班|调休上班|调休|上班|放假|休息|假期/g, '')
    .trim();
  return name || '节假日';
}

/** iCalendar lines unfolded (RFC 5545 §3.1: a line starting with a space or tab continues the one before). */
const unfold = (text: string) =>
  text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');

/** A DATE or DATE-TIME value's calendar date: 20270205 or 20270205T000000. */
function icsDate(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isCalendarDate(date) ? date : null;
}

function parseIcs(text: string): NoticeParse {
  if (!/BEGIN:VCALENDAR/.test(text)) return fail('不是 iCalendar 文件（缺少 BEGIN:VCALENDAR）');
  const lists: NoticeLists = { holidays: [], makeupDays: [] };
  let event: Record<string, string> | null = null;
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') event = {};
    else if (line === 'END:VEVENT' && event) {
      const start = icsDate(event.DTSTART ?? '');
      if (!start) return fail(`事件“${event.SUMMARY ?? ''}”的开始日期无法识别`);
      const end = event.DTEND ? icsDate(event.DTEND) : addDaysToDate(start, 1);
      if (!end || end <= start) return fail(`事件“${event.SUMMARY ?? ''}”的结束日期无法识别`);
      const summary = event.SUMMARY ?? '';
      // Apple's marker where there is one, else the summary's 班 (上班) against 休 (放假).
      const special = event['X-APPLE-SPECIAL-DAY'];
      const working = special ? special === 'ALTERNATE-WORKDAY' : /班/.test(summary);
      const list = working ? lists.makeupDays : lists.holidays;
      let n = 0;
      for (let d = start; d < end; d = addDaysToDate(d, 1)) {
        if (++n > maxEventDays) return fail(`事件“${summary}”超过 ${maxEventDays} 天，请检查结束日期`);
        list.push({ date: d, name: holidayNameOf(summary) });
      }
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      if (colon > 0) event[line.slice(0, colon).split(';')[0]!.toUpperCase()] = line.slice(colon + 1);
    }
  }
  return { ok: true, lists };
}

function parseJson(text: string): NoticeParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('JSON 格式有误，无法解析');
  }
  if (!data || typeof data !== 'object') return fail('JSON 内容应为对象');
  const o = data as Record<string, unknown>;
  // The import's own shape: lists of { date, name }.
  if (Array.isArray(o.holidays)) {
    const list = (v: unknown, key: string): NamedDate[] | string => {
      if (v === undefined) return [];
      if (!Array.isArray(v)) return `${key} 应为数组`;
      const out: NamedDate[] = [];
      for (const item of v) {
        const i = item as Record<string, unknown>;
        if (!i || typeof i.date !== 'string' || typeof i.name !== 'string') return `${key} 的每一项应为 { date, name }`;
        out.push({ date: i.date, name: i.name });
      }
      return out;
    };
    const holidays = list(o.holidays, 'holidays');
    const makeupDays = list(o.makeupDays, 'makeupDays');
    if (typeof holidays === 'string') return fail(holidays);
    if (typeof makeupDays === 'string') return fail(makeupDays);
    return { ok: true, lists: { holidays, makeupDays } };
  }
  // chinese-days' year file: { "2027-01-01": "New Year's Day,元旦,1" }; the Chinese name is the second part.
  if (o.holidays && typeof o.holidays === 'object') {
    const map = (v: unknown): NamedDate[] | string => {
      if (v === undefined) return [];
      if (!v || typeof v !== 'object' || Array.isArray(v)) return 'holidays、workdays 应为“日期: 名称”的对象';
      return Object.entries(v as Record<string, unknown>).map(([date, name]) => ({ date, name: String(name).split(',')[1]?.trim() || String(name) }));
    };
    const holidays = map(o.holidays);
    const makeupDays = map(o.workdays);
    if (typeof holidays === 'string') return fail(holidays);
    if (typeof makeupDays === 'string') return fail(makeupDays);
    return { ok: true, lists: { holidays, makeupDays } };
  }
  return fail('JSON 中没有 holidays（放假日期）');
}
