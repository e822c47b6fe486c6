import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '12351 工会服务职工热线工单平台 API',
        description: '12351 trade-union worker service hotline work-order platform. 每个接口均有中文与英文说明。',
        version,
      },
      tags: [
        { name: 'system', description: '系统 / System' },
        { name: 'auth', description: '登录与会话 / Sign-in and sessions' },
        { name: 'units', description: '组织（工会树） / Units (the union tree)' },
        { name: 'users', description: '人员与角色 / People and roles' },
        { name: 'catalog', description: '分类目录与时限规则 / Catalog and time-limit rules' },
        { name: 'calendar', description: '工作日历 / Working calendar' },
        { name: 'audit', description: '审计日志 / Audit log' },
        { name: 'orders', description: '工单：受理、查询、合并、关联、作废 / Work orders: intake, queries, merge, link, invalidate' },
        { name: 'dispatch', description: '派单、签收、退单、协办 / Dispatch, sign, return, co-handling' },
        { name: 'handling', description: '办理、延期、办结反馈 / Handling, extensions, replies' },
        { name: 'closure', description: '审核、回访、重启、归档 / Review, callback, reopen, archive' },
        { name: 'calls', description: '话务：通话事件、话务记录与话务指标 / Calls: call events, call records and call figures' },
        {
          name: 'exchange',
          description: '数据交换：对接平台、收发工单与状态、转办、对账 / Exchange: partner platforms, orders and status in and out, transfers, reconciliation',
        },
        { name: 'quality', description: '质检：抽样、评分、申诉、整改 / Quality inspection: sampling, scoring, appeals, rectification' },
        { name: 'mediation', description: '调解：案件、调解记录、协议与履行 / Mediation: cases, sessions, agreements and performance' },
        { name: 'legal', description: '法律监督：监督函、风险用人单位、信访转介 / Legal work: supervision letters, risk employers, petition referrals' },
        { name: 'analytics', description: '数据分析：指标、驾驶舱、大屏、报表、专项行动 / Analytics: KPIs, cockpit, big screen, reports, campaigns' },
        {
          name: 'intelligence',
          description: '智能辅助：读诉求、采纳统计、激增预警、热点预测 / Intelligence: reading requests, suggestion accuracy, surges, forecasts',
        },
        { name: 'knowledge', description: '知识库：条目、版本、审核发布、使用与待补 / Knowledge base: articles, versions, review, usage and gaps' },
        { name: 'search', description: '检索：中文分词、同义词、工单检索 / Search: Chinese segmentation, synonyms, order search' },
        { name: 'notifications', description: '通知中心 / Notification centre' },
        { name: 'supervision', description: '督办：催办、看板、领导批示、研判 / Supervision: urging, board, instructions, reviews' },
        {
          name: 'self-service',
          description: '职工自助服务（公开，无需账号）：提交、查询、评价、入会申请 / The worker’s own page (public): submit, follow, rate, apply to join',
        },
        { name: 'memberships', description: '入会申请的受理、同意、发卡 / Membership applications: accept, issue the card' },
        {
          name: 'wechat-groups',
          description: '微信服务群：群消息接收、疑似诉求草稿的确认或忽略 / WeChat service groups: messages, drafts confirmed or dismissed',
        },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hotline_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}
