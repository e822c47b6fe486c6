import { describe, expect, it } from 'vitest';
import { addDaysToDate } from '../../calendar/domain/working-time.js';
import { english } from '../../platform/i18n/english.js';
import { emptySums, kpiFigures } from './kpis.js';
import { duePeriods, figureText, periodFor, periodMismatch, periodOutOfRange, publishedRows, reportKinds, reportSummary } from './report-text.js';

describe('scheduled report periods', () => {
  it.each([
    ['a Wednesday: yesterday only', '2026-11-25', [['daily', '2026-11-24', '2026-11-24']]],
    [
      'a Monday: also last week',
      '2026-11-23',
      [
        ['daily', '2026-11-22', '2026-11-22'],
        ['weekly', '2026-11-16', '2026-11-22'],
      ],
    ],
    [
      'the 1st: also last month',
      '2026-12-01',
      [
        ['daily', '2026-11-30', '2026-11-30'],
        ['monthly', '2026-11-01', '2026-11-30'],
      ],
    ],
    [
      '1 January 2027 (a Friday): also December and 2026',
      '2027-01-01',
      [
        ['daily', '2026-12-31', '2026-12-31'],
        ['monthly', '2026-12-01', '2026-12-31'],
        ['yearly', '2026-01-01', '2026-12-31'],
      ],
    ],
  ])('%s', (_name, today, expected) => {
    expect(duePeriods(today).map((p) => [p.kind, p.from, p.to])).toEqual(expected);
  });
});

describe('the generated summary', () => {
  const s = {
    ...emptySums(),
    requests: 120,
    ordersCreated: 100,
    ordersDispatched: 80,
    due: 50,
    completedOnTime: 40,
    completedLate: 5,
    callbacks: 20,
    handlingDissatisfied: 1,
    amountRecovered: 123456,
    workersHelped: 30,
    closedAtIntake: 10,
  };
  const prev = { ...emptySums(), ordersCreated: 80 };
  it('says what the figures say, in Chinese, with the change against the previous period and the main subject', () => {
    const text = reportSummary({
      kind: 'weekly',
      unitName: '内蒙古自治区总工会',
      figures: kpiFigures(s),
      previous: kpiFigures(prev),
      lastYear: kpiFigures(emptySums()),
      topSubjects: [
        { name: '欠薪', count: 45 },
        { name: '劳动合同', count: 20 },
      ],
    });
    expect(text).toContain('本周内蒙古自治区总工会共受理职工诉求120人次，形成有效工单100件，环比上升25.0%，同比无可比数据');
    expect(text).toContain('诉求以欠薪类为主，占45.0%，其次为劳动合同20.0%');
    expect(text).toContain('按时办结率80.0%');
    expect(text).toContain('满意率95.0%');
    expect(text).toContain('为30名职工追回欠薪等款项123,456元');
    expect(text).toContain('话务数据（来电量、接通率）暂无');
  });
  it('publishes the rows the seeds publish, calls as "no call data"', () => {
    const rows = publishedRows(kpiFigures(s));
    expect(rows.map((r) => r.label)).toEqual([
      '来电量',
      '接通率',
      '受理量（人次）',
      '工单量',
      '派单量（交办）',
      '应办结',
      '办结率',
      '按时办结率',
      '满意率',
      '平均办理时长（工作日）',
      '追回金额（元）',
      '帮助职工（人）',
    ]);
    expect(rows[0]).toEqual({ label: '来电量', value: null, form: 'count', none: '暂无话务数据' });
    expect(rows.map((r) => figureText(r.value, r.form, r.none))).toEqual([
      '暂无话务数据',
      '暂无话务数据',
      '120',
      '100',
      '80',
      '50',
      '90.0%',
      '80.0%',
      '95.0%',
      '—',
      '123,456',
      '30',
    ]);
  });
});

describe('the period a report of a kind covers', () => {
  it.each([
    ['daily', '2026-11-24', '2026-11-24'],
    ['weekly', '2026-11-16', '2026-11-22'],
    ['weekly', '2026-11-30', '2026-12-06'],
    ['monthly', '2026-11-01', '2026-11-30'],
    ['monthly', '2028-02-01', '2028-02-29'],
    ['yearly', '2026-01-01', '2026-12-31'],
    ['custom', '2026-11-03', '2026-11-19'],
  ])('accepts a %s report of %s to %s', (kind, from, to) => {
    expect(periodMismatch(kind as never, from, to)).toBeNull();
  });

  it.each([
    ['weekly', '2026-11-01', '2026-11-30', 'body.from', '周报的统计期间应从周一开始'],
    ['weekly', '2026-11-16', '2026-11-21', 'body.to', '周报的统计期间应为周一至周日的一整周'],
    ['daily', '2026-11-16', '2026-11-17', 'body.to', '日报的统计期间应为同一天（开始与结束日期相同）'],
    ['monthly', '2026-11-02', '2026-11-30', 'body.from', '月报的统计期间应从当月1日开始'],
    ['monthly', '2026-11-01', '2026-12-31', 'body.to', '月报的统计期间应为一个完整的自然月'],
    ['monthly', '2026-02-01', '2026-02-27', 'body.to', '月报的统计期间应为一个完整的自然月'],
    ['yearly', '2026-01-01', '2026-06-30', 'body.to', '年报的统计期间应为一个完整的自然年'],
  ])('refuses a %s report of %s to %s, on %s', (kind, from, to, field, message) => {
    expect(periodMismatch(kind as never, from, to)).toEqual({ field, message });
  });

  it('accepts every period the scheduler and the default periods make, over a leap year and its neighbours', () => {
    for (let today = '2027-12-25'; today <= '2029-01-05'; today = addDaysToDate(today, 1)) {
      for (const p of duePeriods(today)) expect(periodMismatch(p.kind, p.from, p.to), `${today} ${p.kind}`).toBeNull();
      for (const kind of reportKinds) {
        const p = periodFor(kind, undefined, undefined, today, '2020-01-01');
        expect(periodMismatch(kind, p.from, p.to), `${today} ${kind}`).toBeNull();
      }
    }
  });
});

describe('a report of days that have come and that the system holds', () => {
  const today = '2026-11-25';
  const first = '2026-08-27';
  it.each([
    ['yesterday', 'daily', '2026-11-24', '2026-11-24'],
    ['today (so far)', 'daily', '2026-11-25', '2026-11-25'],
    ['last week', 'weekly', '2026-11-16', '2026-11-22'],
    ['the first month of data, which starts before the first order', 'monthly', '2026-08-01', '2026-08-31'],
    ['the day of the first order', 'daily', '2026-08-27', '2026-08-27'],
    ['a special report up to today', 'custom', '2026-11-01', '2026-11-25'],
  ])('accepts %s', (_name, kind, from, to) => {
    expect(periodOutOfRange(from, to, today, first)).toBeNull();
    expect(periodFor(kind as never, from, to, today, first)).toEqual({ from, to });
  });

  it.each([
    ['this week, which ends on Sunday', 'weekly', '2026-11-23', '2026-11-29', 'REPORT_PERIOD_IN_FUTURE', 'body.to', '统计期间不能晚于今天（2026-11-25）'],
    ['a day next month', 'daily', '2026-12-01', '2026-12-01', 'REPORT_PERIOD_IN_FUTURE', 'body.to', '统计期间不能晚于今天（2026-11-25）'],
    ['a week of January 2027', 'weekly', '2027-01-11', '2027-01-17', 'REPORT_PERIOD_IN_FUTURE', 'body.to', '统计期间不能晚于今天（2026-11-25）'],
    ['the year 2030', 'yearly', '2030-01-01', '2030-12-31', 'REPORT_PERIOD_IN_FUTURE', 'body.to', '统计期间不能晚于今天（2026-11-25）'],
    [
      'five days of 1900',
      'custom',
      '1900-01-01',
      '1900-01-05',
      'REPORT_PERIOD_BEFORE_DATA',
      'body.from',
      '统计期间早于本系统的第一张工单（2026-08-27），没有可统计的数据',
    ],
    [
      'the day before the first order',
      'daily',
      '2026-08-26',
      '2026-08-26',
      'REPORT_PERIOD_BEFORE_DATA',
      'body.from',
      '统计期间早于本系统的第一张工单（2026-08-27），没有可统计的数据',
    ],
    [
      'last year',
      'yearly',
      '2025-01-01',
      '2025-12-31',
      'REPORT_PERIOD_BEFORE_DATA',
      'body.from',
      '统计期间早于本系统的第一张工单（2026-08-27），没有可统计的数据',
    ],
  ])('refuses %s', (_name, kind, from, to, code, field, message) => {
    expect(periodOutOfRange(from, to, today, first)).toEqual({ code, field, message });
    expect(() => periodFor(kind as never, from, to, today, first)).toThrow(expect.objectContaining({ code, details: { fields: [{ field, message }] } }));
  });

  it('refuses the default period too when it lies before the data: last year on an installation of this year', () => {
    expect(() => periodFor('yearly', undefined, undefined, today, first)).toThrow(expect.objectContaining({ code: 'REPORT_PERIOD_BEFORE_DATA' }));
    expect(periodFor('monthly', undefined, undefined, today, first)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('says each refusal in English to an English interface', () => {
    expect(english('统计期间不能晚于今天（2026-11-25）')).toBe('A report covers days that have come: the period cannot end after today (2026-11-25)');
    expect(english('统计期间早于本系统的第一张工单（2026-08-27），没有可统计的数据')).toBe(
      'The period ends before the first order this system holds (2026-08-27): there is nothing to report',
    );
    expect(english('本系统尚无工单，没有可统计的数据')).toBe('This system holds no order yet: there is nothing to report');
  });

  it('without any order yet, only a period reaching today', () => {
    expect(periodOutOfRange('2026-11-24', '2026-11-24', today, null)).toEqual({
      code: 'REPORT_PERIOD_BEFORE_DATA',
      field: 'body.from',
      message: '本系统尚无工单，没有可统计的数据',
    });
    expect(periodOutOfRange('2026-11-01', '2026-11-25', today, null)).toBeNull();
  });
});

describe('campaigns in the summary', () => {
  const figures = kpiFigures({ ...emptySums(), ordersCreated: 10 });
  const summary = (name: string) =>
    reportSummary({ kind: 'monthly', unitName: '甲', figures, previous: figures, lastYear: figures, topSubjects: [], campaigns: [{ name, orders: 3 }] });
  it('names the campaign once as a campaign, whether or not its name says so', () => {
    expect(summary('根治欠薪专项行动')).toContain('“根治欠薪专项行动”期间受理相关工单3件');
    expect(summary('根治欠薪专项行动')).not.toContain('专项行动”专项行动');
    expect(summary('冬季送温暖')).toContain('“冬季送温暖”专项行动期间受理相关工单3件');
  });
});
