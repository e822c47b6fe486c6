import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { calendarCoverage } from '../calendar/calendar.repo.js';
import { appliedMigrations, databaseVersion } from '../platform/db/client.js';
import { describe } from '../platform/http/schemas.js';
import { english, prefersEnglish } from '../platform/i18n/english.js';
import { unhandledJobKinds } from '../platform/jobs/unhandled.js';

const health = z.object({
  status: z.enum(['ok', 'warning']),
  version: z.string(),
  time: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgresql']), version: z.string() }),
  migrations: z.array(z.object({ id: z.number(), hash: z.string(), createdAt: z.string().describe('迁移生成时间 / when the migration was generated') })),
  calendar: z.object({
    firstDay: z.string().nullable(),
    lastDay: z.string().nullable(),
    daysLeft: z.number().nullable(),
    warning: z.string().nullable(),
    provisional: z
      .object({ from: z.string(), to: z.string(), years: z.array(z.number()) })
      .nullable()
      .describe(
        '按放假办法推算的暂定日期范围（其中的期限标为暂定） / the provisional days after the entered calendar; deadlines on them are marked provisional',
      ),
  }),
  unhandledJobs: z
    .array(z.object({ kind: z.string(), count: z.number(), dueSince: z.string() }))
    .describe('等待超过 10 分钟、本实例不处理其类型的任务 / jobs due for over 10 minutes of kinds this instance does not handle'),
  warnings: z.array(z.string()),
});

export const systemRoutes: FastifyPluginAsyncZod<RouteContext & { version: string; jobKinds: () => string[] }> = async (app, ctx) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        operationId: 'health',
        tags: ['system'],
        ...describe(
          '健康检查：数据库类型与版本、已执行的迁移、工作日历覆盖范围、无实例处理的任务',
          'Health: database kind and version, applied migrations, working-calendar coverage, jobs no instance handles.',
        ),
        response: { 200: health },
      },
    },
    async (req) => {
      const now = ctx.clock.now();
      // The warnings are written in Chinese and said in the reader's language (Accept-Language), as refusals are.
      const said = prefersEnglish(req.headers['accept-language']) ? english : (zh: string) => zh;
      const coverage = await calendarCoverage(ctx.db, now);
      const calendar = { ...coverage, warning: coverage.warning === null ? null : said(coverage.warning) };
      const warnings = calendar.warning ? [calendar.warning] : [];
      // A job of a kind no running version handles waits for ever (platform/jobs/unhandled.ts): say so.
      const unhandledJobs = await unhandledJobKinds(ctx.db, ctx.jobKinds(), now);
      if (unhandledJobs.length)
        warnings.push(
          said(
            `${unhandledJobs.reduce((n, k) => n + k.count, 0)} 个任务已到期 10 分钟以上仍无实例处理（${unhandledJobs.map((k) => k.kind).join('、')}）：本实例不认识这些任务类型，请检查各实例是否已升级到与数据库相同的版本`,
          ),
        );
      return {
        status: warnings.length ? ('warning' as const) : ('ok' as const),
        version: ctx.version,
        time: now.toISOString(),
        database: { kind: ctx.database.kind, version: await databaseVersion(ctx.db) },
        migrations: await appliedMigrations(ctx.db),
        calendar,
        unhandledJobs,
        warnings,
      };
    },
  );
};
