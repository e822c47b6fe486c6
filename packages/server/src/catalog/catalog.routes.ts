import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../platform/http/schemas.js';
import { catalogView, createRuleBody, previewBody, previewView, ruleStepQuery, ruleView, updateCatalogBody, updateRuleBody } from './catalog.schemas.js';
import { createCatalogService } from './catalog.service.js';
import { createTimeLimitRulesService } from './time-limit-rules.service.js';

export const catalogRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  const catalog = createCatalogService(ctx);
  const rules = createTimeLimitRulesService(ctx);
  const tags = ['catalog'];

  app.get(
    '/catalog',
    {
      schema: {
        operationId: 'getCatalog',
        tags,
        ...describe(
          '分类目录：诉求类型、诉求事项、风险标记（危众多大隐）、紧急程度、难度、环节与风险阈值（含已停用条目）',
          'The catalog: types, subjects, risk flags, priorities, difficulty tiers, steps and risk thresholds (inactive entries included).',
        ),
        response: { 200: catalogView, ...errorResponses },
      },
    },
    async (req) => catalog.getCatalog(actorOf(req)),
  );

  app.put(
    '/catalog',
    {
      schema: {
        operationId: 'updateCatalog',
        tags,
        ...describe(
          '修改分类目录（管理员）：按代码新增、改名、排序或停用（active:false），不删除；可修改风险阈值',
          'Edit the catalog (administrator): entries are upserted by code — add, rename, reorder, deactivate — never deleted; thresholds may change.',
        ),
        body: updateCatalogBody,
        response: { 200: catalogView, ...errorResponses },
      },
    },
    async (req) => catalog.updateCatalog(actorOf(req), req.body),
  );

  app.get(
    '/time-limit-rules',
    {
      schema: {
        operationId: 'listTimeLimitRules',
        tags,
        ...describe('时限规则列表（可按环节筛选），附中文说明', 'Time-limit rules, optionally of one step, each with a Chinese description.'),
        querystring: ruleStepQuery,
        response: { 200: z.object({ items: z.array(ruleView) }), ...errorResponses },
      },
    },
    async (req) => rules.list(actorOf(req), req.query.step),
  );

  app.post(
    '/time-limit-rules',
    {
      schema: {
        operationId: 'createTimeLimitRule',
        tags,
        ...describe(
          '新增时限规则（管理员）：按环节、类型、事项、紧急程度、难度限定适用范围，最具体的规则优先',
          'Add a time-limit rule (administrator), selected by step, type, subject, priority and tier; the most specific rule wins.',
        ),
        body: createRuleBody,
        response: { 201: ruleView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await rules.create(actorOf(req), req.body)),
  );

  app.patch(
    '/time-limit-rules/:id',
    {
      schema: {
        operationId: 'updateTimeLimitRule',
        tags,
        ...describe(
          '修改时限规则（管理员）：时限、单位、起算方式、备注、启用或停用',
          'Change a time-limit rule (administrator): amount, unit, counting start, note, active.',
        ),
        params: idParam,
        body: updateRuleBody,
        response: { 200: ruleView, ...errorResponses },
      },
    },
    async (req) => rules.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/time-limit-rules/preview',
    {
      schema: {
        operationId: 'previewDeadline',
        tags,
        ...describe(
          '试算期限：给定环节、类型、事项、紧急程度、难度与起算时间，返回适用规则与按工作日历计算的期限',
          'Preview a deadline: the rule that applies to a step of such an order and the deadline on the working calendar.',
        ),
        body: previewBody,
        response: { 200: previewView, ...errorResponses },
      },
    },
    async (req) => rules.preview(actorOf(req), req.body),
  );
};
