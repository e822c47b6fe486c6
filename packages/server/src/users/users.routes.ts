import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../app.js';

export const usersRoutes: FastifyPluginAsyncZod<RouteContext> = async () => {};
