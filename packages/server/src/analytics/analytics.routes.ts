import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../platform/clock.js';
import { analyticsFigureRoutes } from './analytics-figures.routes.js';
import { analyticsStreamRoutes } from './analytics-stream.routes.js';
import { analyticsTrendRoutes } from './analytics-trends.routes.js';
import type { AnalyticsService } from './analytics.service.js';

/** The cockpit's API, one file per capability, registered in this order (the OpenAPI document lists them so). */
export const analyticsRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService; clock: Clock; province: string }> = async (
  app,
  { analytics, clock, province },
) => {
  await app.register(analyticsFigureRoutes, { analytics, clock, province });
  await app.register(analyticsTrendRoutes, { analytics, clock });
  await app.register(analyticsStreamRoutes, { analytics, clock });
};
