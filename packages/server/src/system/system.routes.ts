import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { calendarCoverage } from '../calendar/calendar.repo.js';
import { appliedMigrations, databaseVersion } from '../platform/db/client.js';
import { describe } from '../platform/http/schemas.js';

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
  warnings: z.array(z.string()),
});

export const systemRoutes: FastifyPluginAsyncZod<RouteContext & { version: string }> = async (app, ctx) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        operationId: 'health',
        tags: ['system'],
        ...describe(
          '健康检查：数据库类型与版本、已执行的迁移、工作日历覆盖范围',
          'Health: database kind and version, applied migrations, working-calendar coverage.',
        ),
        response: { 200: health },
      },
    },
    async () => {
      const now = ctx.clock.now();
      const calendar = await calendarCoverage(ctx.db, now);
      const warnings = calendar.warning ? [calendar.warning] : [];
      return {
        status: warnings.length ? ('warning' as const) : ('ok' as const),
        version: ctx.version,
        time: now.toISOString(),
        database: { kind: ctx.database.kind, version: await databaseVersion(ctx.db) },
        migrations: await appliedMigrations(ctx.db),
        calendar,
        warnings,
      };
    },
  );
};
