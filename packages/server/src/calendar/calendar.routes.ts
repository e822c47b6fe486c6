import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, trimmedText, versionFromZero } from '../platform/http/schemas.js';
import { createCalendarService, type CalendarService } from './calendar.service.js';

// Year 0000 passes the ISO format but PostgreSQL has no year 0 (a 500 in the query).
const dateString = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' })
  .refine((d) => d >= '1900-01-01', { error: '日期不能早于 1900-01-01' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:MM（00:00–23:59）' });
const holidayName = trimmedText().min(1, { error: '请填写节日名称' }).max(40, { error: '节日名称最多 40 个字' });

const dayView = z.object({
  date: z.string().describe('日期 / date, YYYY-MM-DD'),
  workday: z.boolean().describe('是否工作日 / whether it is a working day'),
  holidayName: z.string().nullable().describe('节日名称 / holiday name'),
  makeup: z.boolean().describe('是否调休上班 / a make-up working day (调休上班)'),
  source: z
    .string()
    .describe(
      '来源：package（chinese-days）、admin（管理员修改）、import（管理员导入）、provisional（按放假办法推算的暂定日，尚无国务院通知） / where the day came from; provisional: computed from the holiday regulation, no notice entered yet',
    ),
  note: z.string().nullable(),
});
const coverage = z.object({
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  daysLeft: z.number().nullable().describe('距最后覆盖日的天数 / days until the last covered day'),
  warning: z.string().nullable(),
  provisional: z
    .object({ from: z.string(), to: z.string(), years: z.array(z.number()) })
    .nullable()
    .describe('按放假办法推算的暂定日期范围 / the provisional days after the entered calendar'),
});
const period = z.object({ start: hhmm, end: hhmm }).strict();
const workingHours = z.object({ periods: z.array(z.object({ start: z.string(), end: z.string() })), version: z.number() });
const namedDate = z.object({ date: dateString, name: holidayName }).strict();
const yearField = z
  .number({ error: '请填写年份' })
  .int({ error: '年份应为整数' })
  .min(2000, { error: '年份不能早于 2000' })
  .max(2100, { error: '年份不能晚于 2100' });
const imported = z.object({
  year: z.number(),
  days: z.number(),
  workdays: z.number(),
  recomputedOrders: z
    .number()
    .describe(
      '导入后立即按正式日历重算了暂定期限的在办工单数；其余（被占用或中断的）由随后的任务或工单的下一次操作重算 / open orders whose provisional deadlines the import’s own run recomputed; the rest (held or interrupted) the year’s job or each order’s next change recomputes',
    ),
  coverage,
});

export const calendarRoutes: FastifyPluginAsyncZod<RouteContext & { calendar?: CalendarService }> = async (app, ctx) => {
  // One service per process should be passed in (its cache is what deadlines read); building one here keeps the
  // routes usable on their own.
  const calendar = ctx.calendar ?? createCalendarService({ db: ctx.db, clock: ctx.clock });

  app.get(
    '/days',
    {
      schema: {
        operationId: 'listCalendarDays',
        tags: ['calendar'],
        ...describe(
          '工作日历：某年（默认今年）或某段日期（最多 400 天）的每一天，以及覆盖范围与工作时间',
          'The working calendar: every day of a year (this year by default) or of a range of at most 400 days, with the coverage and the working hours.',
        ),
        querystring: z
          .object({
            year: z.coerce
              .number({ error: '年份应为数字' })
              .int({ error: '年份应为整数' })
              .min(2000, { error: '年份不能早于 2000' })
              .max(2100, { error: '年份不能晚于 2100' })
              .optional(),
            from: dateString.optional(),
            to: dateString.optional(),
          })
          .strict(),
        response: { 200: z.object({ days: z.array(dayView), coverage, workingHours }), ...errorResponses },
      },
    },
    async (req) => calendar.list(actorOf(req), req.query),
  );

  app.put(
    '/days/:date',
    {
      schema: {
        operationId: 'setCalendarDay',
        tags: ['calendar'],
        ...describe(
          '逐日修改工作日历（管理员）：是否工作日、节日名称、是否调休上班，记入审计日志',
          'Override one day of the calendar (administrator): working day or not, holiday name, make-up working day; recorded in the audit log.',
        ),
        params: z.object({ date: dateString }).strict(),
        body: z
          .object({
            workday: z.boolean({ error: '请说明是否为工作日' }),
            holidayName: holidayName.nullable().optional(),
            makeup: z.boolean().optional().describe('调休上班：须为周末且 workday 为 true / make-up working day: a weekend day with workday true'),
            note: trimmedText().max(200, { error: '备注最多 200 个字' }).nullable().optional(),
          })
          .strict(),
        response: { 200: dayView, ...errorResponses },
      },
    },
    async (req) => calendar.setDay(actorOf(req), req.params.date, req.body),
  );

  app.post(
    '/years',
    {
      schema: {
        operationId: 'importCalendarYear',
        tags: ['calendar'],
        ...describe(
          '导入一个新年度（管理员）：按国务院办公厅通知填写放假日期与调休上班日期，其余周末休息、周一至周五上班',
          'Enter a new year (administrator) from the State Council notice: its holidays and make-up working days; other weekend days rest, Monday to Friday work.',
        ),
        body: z
          .object({
            year: yearField,
            holidays: z.array(namedDate).min(1, { error: '请至少填写一个放假日期' }).max(60, { error: '放假日期最多 60 天' }),
            makeupDays: z.array(namedDate).max(20, { error: '调休上班日最多 20 天' }),
          })
          .strict(),
        response: { 201: imported, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await calendar.importYear(actorOf(req), req.body)),
  );

  app.post(
    '/years/file',
    {
      schema: {
        operationId: 'importCalendarYearFile',
        tags: ['calendar'],
        ...describe(
          '从文件导入一个新年度（管理员）：国务院办公厅通知的 iCalendar（.ics）或 JSON 文件，取其中该年的放假与调休上班日期；暂定期限随即按正式日历重算',
          'Enter a new year (administrator) from a file of the State Council notice: iCalendar (.ics) or JSON; its holidays and make-up working days of that year are taken, and provisional deadlines are recomputed.',
        ),
        body: z
          .object({
            year: yearField,
            format: z.enum(['ics', 'json'], { error: '文件格式应为 ics 或 json' }),
            content: z.string().min(1, { error: '文件内容为空' }).max(2_000_000, { error: '文件过大（最多 2 MB）' }),
          })
          .strict(),
        response: { 201: imported, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await calendar.importYearFile(actorOf(req), req.body)),
  );

  app.put(
    '/working-hours',
    {
      schema: {
        operationId: 'setWorkingHours',
        tags: ['calendar'],
        ...describe(
          '设置每日工作时间（管理员），例如 09:00–12:00 与 13:30–17:30；时段须按顺序且不重叠',
          'Set the working hours of a day (administrator), e.g. 09:00–12:00 and 13:30–17:30; periods in order, not overlapping.',
        ),
        body: z
          .object({
            periods: z.array(period).min(1, { error: '至少需要一个工作时段' }).max(6, { error: '最多 6 个工作时段' }),
            version: versionFromZero.describe('读取时的版本号，从未设置过为 0 / the version read, 0 when never set'),
          })
          .strict(),
        response: { 200: workingHours, ...errorResponses },
      },
    },
    async (req) => calendar.setWorkingHours(actorOf(req), req.body),
  );
};
