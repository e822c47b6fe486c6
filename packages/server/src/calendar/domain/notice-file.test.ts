import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../calendar.seed.js';
import { planCalendarYear } from './calendar-year.js';
import { parseNoticeFile } from './notice-file.js';

const file = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`chinese-days/dist/${name}`), 'utf8');
const seededYear = (year: number) => packageCalendarDays().days.filter((d) => d.day.startsWith(`${year}-`));

describe('parseNoticeFile', () => {
  it.each([2024, 2025, 2026])('rebuilds %i exactly from chinese-days’ iCalendar file of several years', (year) => {
    const parsed = parseNoticeFile('ics', file('holidays.ics'), year);
    if (!parsed.ok) throw new Error(parsed.message);
    const plan = planCalendarYear(year, parsed.lists.holidays, parsed.lists.makeupDays);
    expect(plan.problems).toEqual([]);
    expect(plan.days).toEqual(seededYear(year));
  });

  it.each([2019, 2025, 2026])('rebuilds %i exactly from chinese-days’ JSON year file', (year) => {
    const parsed = parseNoticeFile('json', file(`years/${year}.json`), year);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(planCalendarYear(year, parsed.lists.holidays, parsed.lists.makeupDays).days).toEqual(seededYear(year));
  });

  it('reads the import’s own JSON lists', () => {
    const json = JSON.stringify({ holidays: [{ date: '2027-01-01', name: '元旦' }], makeupDays: [{ date: '2027-02-20', name: '春节' }] });
    expect(parseNoticeFile('json', json, 2027)).toEqual({
      ok: true,
      lists: { holidays: [{ date: '2027-01-01', name: '元旦' }], makeupDays: [{ date: '2027-02-20', name: '春节' }] },
    });
  });

  it('reads folded lines, date-times, summaries without Apple markers and single-day events without DTEND', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270205',
      'DTEND;VALUE=DATE:20270209',
      'SUMMARY:春',
      ' 节（休）',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20270220T000000',
      'SUMMARY:春节补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(parseNoticeFile('ics', ics, 2027)).toEqual({
      ok: true,
      lists: {
        holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map((date) => ({ date, name: '春节' })),
        makeupDays: [{ date: '2027-02-20', name: '春节' }],
      },
    });
  });

  it.each([
    ['ics', 'hello', '不是 iCalendar 文件（缺少 BEGIN:VCALENDAR）'],
    ['ics', 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR', '事件“x”的开始日期无法识别'],
    ['ics', 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270201\nDTEND:20270101\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR', '事件“x”的结束日期无法识别'],
    ['ics', 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nDTEND:20271231\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR', '事件“x”超过 31 天，请检查结束日期'],
    ['ics', 'BEGIN:VCALENDAR\nEND:VCALENDAR', '文件中没有 2027 年的放假日期'],
    ['json', '{', 'JSON 格式有误，无法解析'],
    ['json', '[]', 'JSON 中没有 holidays（放假日期）'],
    ['json', '{"holidays":[1]}', 'holidays 的每一项应为 { date, name }'],
    ['json', '{"holidays":[],"makeupDays":{}}', 'makeupDays 应为数组'],
    ['json', '{"holidays":{"2026-01-01":"New Year\'s Day,元旦,1"}}', '文件中没有 2027 年的放假日期'],
  ] as const)('refuses %s %j', (format, content, message) => {
    expect(parseNoticeFile(format, content, 2027)).toEqual({ ok: false, message });
  });
});
