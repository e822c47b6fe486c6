import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../platform/http/schemas.js';
import { createUnitBody, divisionsQuery, divisionTreeView, listUnitsQuery, moveUnitBody, unitDetail, unitView, updateUnitBody } from './units.schemas.js';
import { createUnitsService } from './units.service.js';

export const unitsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, config, bus }) => {
  const units = createUnitsService({ db, clock, bus });
  const tags = ['units'];

  app.get(
    '/',
    {
      schema: {
        operationId: 'listUnits',
        tags,
        ...describe(
          '单位列表：本人管辖范围内的工会单位（扁平列表，按层级排序），以及所有人可见的外部协作单位目录',
          'Units in your scope as a flat list ordered top-down, plus the external collaborators, a directory every role may read.',
        ),
        querystring: listUnitsQuery,
        response: {
          200: z.object({
            items: z.array(unitView),
            total: z.number().int().describe('符合条件的总数（可能多于本页）/ matching units, possibly more than listed'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => units.list(actorOf(req), req.query),
  );

  app.get(
    '/divisions',
    {
      schema: {
        operationId: 'listDivisions',
        tags,
        ...describe(
          '行政区划级联数据（省 → 市盟 → 区县旗、开发区），供受理表单选择地点；默认为本安装的省份',
          "A province's divisions as a cascader tree (province → city/league → county/banner and development zones) for the intake form; defaults to the installation's province.",
        ),
        querystring: divisionsQuery,
        response: { 200: divisionTreeView, ...errorResponses },
      },
    },
    async (req) => {
      actorOf(req);
      return units.divisions(req.query.province ?? config.province);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getUnit',
        tags,
        ...describe('单位详情及其上级单位路径（不在管辖范围内时为 404）', 'One unit with its ancestors (breadcrumb); 404 when outside your scope.'),
        params: idParam,
        response: { 200: unitDetail, ...errorResponses },
      },
    },
    async (req) => units.get(actorOf(req), req.params.id),
  );

  app.post(
    '/',
    {
      schema: {
        operationId: 'createUnit',
        tags,
        ...describe(
          '新建单位（管理员）：上级单位须在管辖范围内，单位类型须能设在该上级之下；外部协作单位不设上级',
          'Create a unit (administrator). The parent must be in your scope and accept a unit of this type; external collaborators have no parent.',
        ),
        body: createUnitBody,
        response: { 201: unitView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await units.create(actorOf(req), req.body)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateUnit',
        tags,
        ...describe(
          '修改单位（管理员）：改名、负责人、联系方式、排序；active:false 撤销（须先撤销下级单位），true 恢复。单位不删除，历史记录保留原名称',
          'Update a unit (administrator): rename, leaders, contact details, order; active:false retires it (its children first), true reactivates it. Units are never deleted, so history keeps their names.',
        ),
        params: idParam,
        body: updateUnitBody,
        response: { 200: unitView, ...errorResponses },
      },
    },
    async (req) => units.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/move',
    {
      schema: {
        operationId: 'moveUnit',
        tags,
        ...describe(
          '移动单位及其全部下级单位到新的上级单位之下（管理员），在一个事务内完成；不能移到自身或其下级之下',
          'Move a unit with its whole subtree under a new parent (administrator), in one transaction; never under itself or its own subtree.',
        ),
        params: idParam,
        body: moveUnitBody,
        response: { 200: unitView, ...errorResponses },
      },
    },
    async (req) => units.move(actorOf(req), req.params.id, req.body),
  );
};
