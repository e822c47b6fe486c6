import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../platform/http/schemas.js';
import {
  addInspectionBody,
  appealBody,
  closeRectificationBody,
  decideAppealBody,
  drawBody,
  drawView,
  figuresQuery,
  figuresView,
  inspectionList,
  inspectionView,
  listQuery,
  rectificationList,
  rectificationQuery,
  scoreBody,
  sheetView,
  updateSheetBody,
} from './quality.schemas.js';
import type { QualityService } from './quality.service.js';

/** Quality inspection (质检): the daily sample, scoring against a sheet, one appeal, rectifications and the figures. */
export const qualityRoutes: FastifyPluginAsyncZod<{ quality: QualityService }> = async (app, { quality }) => {
  const tags = ['quality'];

  app.post(
    '/sample',
    {
      schema: {
        operationId: 'drawInspectionSample',
        tags,
        body: drawBody,
        response: { 200: drawView, ...errorResponses },
        ...describe(
          '抽取某日质检样本（质检员）：按比例在接线员和班次间分散抽取，差评回访和对热线服务的投诉必抽；重复抽取只补充新样本',
          "Draw a day's inspection sample (inspector): at the rate, spread over agents and shifts; dissatisfied callbacks and complaints about the hotline's work are always included; drawing again only adds new ones.",
        ),
      },
    },
    async (req) => quality.draw(actorOf(req), req.body),
  );

  app.post(
    '/inspections',
    {
      schema: {
        operationId: 'addInspection',
        tags,
        body: addInspectionBody,
        response: { 200: inspectionView, ...errorResponses },
        ...describe('手工加入质检（质检员）', 'Add an order to today’s inspections by hand (inspector).'),
      },
    },
    async (req) => quality.addManual(actorOf(req), req.body),
  );

  app.get(
    '/inspections',
    {
      schema: {
        operationId: 'listInspections',
        tags,
        querystring: listQuery,
        response: { 200: inspectionList, ...errorResponses },
        ...describe(
          '质检记录列表：质检员、督办员、领导看本范围，接线员只看自己的',
          'Inspections: inspectors, supervisors and leaders see their scope; an agent sees only their own.',
        ),
      },
    },
    async (req) => quality.list(actorOf(req), req.query),
  );

  app.get(
    '/inspections/:id',
    {
      schema: {
        operationId: 'getInspection',
        tags,
        params: idParam,
        response: { 200: inspectionView, ...errorResponses },
        ...describe('一条质检记录', 'One inspection.'),
      },
    },
    async (req) => quality.get(actorOf(req), req.params.id),
  );

  app.post(
    '/inspections/:id/score',
    {
      schema: {
        operationId: 'scoreInspection',
        tags,
        params: idParam,
        body: scoreBody,
        response: { 200: inspectionView, ...errorResponses },
        ...describe(
          '按评分表打分（质检员）：未得满分的项生成整改项，否决项不合格则整张不合格',
          'Score against the sheet (inspector): every item short of full marks becomes a rectification; a failed veto item fails the sheet.',
        ),
      },
    },
    async (req) => quality.score(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/inspections/:id/appeal',
    {
      schema: {
        operationId: 'appealInspection',
        tags,
        params: idParam,
        body: appealBody,
        response: { 200: inspectionView, ...errorResponses },
        ...describe('申诉质检结果（被质检的接线员本人，仅一次）', 'Appeal an inspection result (the agent inspected, once).'),
      },
    },
    async (req) => quality.appeal(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/inspections/:id/appeal-decision',
    {
      schema: {
        operationId: 'decideInspectionAppeal',
        tags,
        params: idParam,
        body: decideAppealBody,
        response: { 200: inspectionView, ...errorResponses },
        ...describe(
          '复核申诉（另一名质检员）：维持或改判，改判后不再不合格的整改项撤销',
          'Decide an appeal (another inspector): uphold or revise; rectifications no longer failed are withdrawn.',
        ),
      },
    },
    async (req) => quality.decideAppeal(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/rectifications',
    {
      schema: {
        operationId: 'listRectifications',
        tags,
        querystring: rectificationQuery,
        response: { 200: rectificationList, ...errorResponses },
        ...describe('整改项列表（按期限），接线员只看自己的', 'Rectification items by due date; an agent sees only their own.'),
      },
    },
    async (req) => quality.listRectifications(actorOf(req), req.query),
  );

  app.post(
    '/rectifications/:id/close',
    {
      schema: {
        operationId: 'closeRectification',
        tags,
        params: idParam,
        body: closeRectificationBody,
        response: { 200: rectificationList, ...errorResponses },
        ...describe('完成整改（责任人或质检员），按是否在期限内计入整改率', 'Close a rectification item (its owner or an inspector); counted on time or late.'),
      },
    },
    async (req) => quality.closeRectification(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/figures',
    {
      schema: {
        operationId: 'getQualityFigures',
        tags,
        querystring: figuresQuery,
        response: { 200: figuresView, ...errorResponses },
        ...describe(
          '质检指标：覆盖率、合格率、整改率，按接线员（from 含，to 不含）',
          'Quality figures: coverage, pass rate, rectification rate, per agent (from inclusive, to exclusive).',
        ),
      },
    },
    async (req) => quality.figures(actorOf(req), req.query),
  );

  app.get(
    '/score-sheet',
    {
      schema: {
        operationId: 'getScoreSheet',
        tags,
        response: { 200: sheetView, ...errorResponses },
        ...describe('当前质检评分表与抽样比例', 'The active score sheet and the sample rate.'),
      },
    },
    async (req) => quality.getSheet(actorOf(req)),
  );

  app.put(
    '/score-sheet',
    {
      schema: {
        operationId: 'updateScoreSheet',
        tags,
        body: updateSheetBody,
        response: { 200: sheetView, ...errorResponses },
        ...describe(
          '启用新版评分表（质检员、管理员）；已抽取的记录沿用原评分表',
          'Put a new score sheet in force (inspector, administrator); inspections already drawn keep theirs.',
        ),
      },
    },
    async (req) => quality.updateSheet(actorOf(req), req.body),
  );
};
