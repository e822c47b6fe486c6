import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../app.js';

export const unitsRoutes: FastifyPluginAsyncZod<RouteContext> = async () => {};
