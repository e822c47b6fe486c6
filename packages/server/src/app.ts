import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyticsRoutes } from './analytics/analytics.routes.js';
import { registerReportJobs, reportsRoutes } from './analytics/reports.routes.js';
import { createReportsService } from './analytics/reports.service.js';
import { createDisplayTokens, type DisplayTokens, displayCookieName, displayTokenRoutes } from './analytics/display-tokens.js';
import { createAnalyticsService } from './analytics/analytics.service.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { createAuthService } from './auth/auth.service.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { catalogRoutes } from './catalog/catalog.routes.js';
import type { Config } from './platform/config/config.js';
import type { Clock } from './platform/clock.js';
import { createChangeBus, type ChangeBus } from './platform/bus/index.js';
import type { Database } from './platform/db/client.js';
import { registerAuthHook } from './platform/http/auth-hook.js';
import { registerErrorHandler } from './platform/http/error-handler.js';
import { registerRateLimits, registerSameOrigin, registerSecurityHeaders } from './platform/http/hardening.js';
import { registerJsonBody } from './platform/http/json-body.js';
import { clientErrors, frameworkErrors, registerInputGuard } from './platform/http/input-guard.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerWebClient } from './platform/http/web.js';
import { systemRoutes } from './system/system.routes.js';
import { unitsRoutes } from './units/units.routes.js';
import { usersRoutes } from './users/users.routes.js';
import path from 'node:path';
import { createCalendarService } from './calendar/calendar.service.js';
import { provisionalYearHook, registerProvisionalCarry } from './orders/provisional-deadlines.js';
import { createClosureService } from './closure/closure.service.js';
import { closureRoutes } from './closure/closure.routes.js';
import { createDispatchService } from './dispatch/dispatch.service.js';
import { dispatchRoutes } from './dispatch/dispatch.routes.js';
import { createHandlingService } from './handling/handling.service.js';
import { handlingRoutes } from './handling/handling.routes.js';
import { createDbStore, createFileStore, type AttachmentStore } from './orders/attachments/attachment-store.js';
import { createIntakeService } from './orders/intake.service.js';
import type { OrderDeps } from './orders/order-deps.js';
import { createOrderListService } from './orders/order-list.js';
import { createOrdersService } from './orders/orders.service.js';
import { ordersRoutes } from './orders/orders.routes.js';
import { createTimeLimits } from './orders/time-limits.js';
import { createCatalogReference } from './catalog/catalog-reference.js';
import { createUnitDirectory } from './units/unit-directory.js';
import { createOrderNumberAllocator } from './orders/order-numbers.js';
import { createIntelligenceService } from './intelligence/intelligence.service.js';
import { intelligenceRoutes } from './intelligence/intelligence.routes.js';
import { systemActorSource } from './install/system-actor.js';
import { createJobRunner, type JobRunner } from './platform/jobs/runner.js';
import { registerJobHousekeeping } from './platform/jobs/housekeeping.js';
import { createIdempotency, registerIdempotencyPurge } from './platform/idempotency/idempotency.js';
import { jobsRoutes } from './system/jobs.routes.js';
import { createQualityService } from './quality/quality.service.js';
import { qualityRoutes } from './quality/quality.routes.js';
import { createMediationService } from './mediation/mediation.service.js';
import { mediationRoutes } from './mediation/mediation.routes.js';
import { createLegalService } from './legal/legal.service.js';
import { legalRoutes } from './legal/legal.routes.js';
import { riskNotices } from './legal/risk-notices.js';
import { registerLegalJobs } from './legal/legal.jobs.js';
import { createKnowledgeService } from './knowledge/knowledge.service.js';
import { knowledgeRoutes } from './knowledge/knowledge.routes.js';
import { createAnswerService } from './knowledge/answer.service.js';
import { orderKnowledgeRoutes } from './knowledge/answer.routes.js';
import { createSearchService } from './search/search.service.js';
import { createOrderSearch } from './search/order-search.js';
import { createSynonymCache } from './search/synonyms.js';
import { callsRoutes } from './calls/calls.routes.js';
import { callRecordingRoutes } from './calls/recordings.routes.js';
import { createCallRecordings } from './calls/recordings.js';
import { ivrRoutes } from './calls/ivr.routes.js';
import { createIvrService } from './calls/ivr.service.js';
import { lawyerSeatsRoutes } from './legal/lawyer-seats.routes.js';
import { createLawyerSeatsService } from './legal/lawyer-seats.service.js';
import { createCallsService } from './calls/calls.service.js';
import { registerCallJobs } from './calls/calls.jobs.js';
import { createNotificationsService, registerNoticeDelivery } from './notifications/notifications.service.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { registerSupervisionScan } from './supervision/supervision.scan.js';
import { registerDeadlineCounts } from './orders/deadline-counts.js';
import { registerIndexCatchUp } from './search/index-catch-up.js';
import { createSupervisionService } from './supervision/supervision.service.js';
import { supervisionRoutes } from './supervision/supervision.routes.js';
import { createOutbound } from './exchange/outbound.js';
import { createSecretBox } from './platform/secrets/secret-box.js';
import { createPartnersService } from './exchange/partners.service.js';
import { createInboundService } from './exchange/inbound.service.js';
import { createPartnerDirectory } from './exchange/partner-directory.js';
import { createExchangeService } from './exchange/exchange.service.js';
import { exchangeInboundRoutes, exchangeRoutes } from './exchange/exchange.routes.js';
import { registerExchangeJobs } from './exchange/exchange.jobs.js';
import { createNationalUploadService } from './exchange/national-upload.service.js';
import { loggingSmsChannel, smsGatewayChannel, webhookChannel } from './notifications/outbound/channels.js';
import { phonedUnitOf, planOutbounds, registerOutboundDelivery, type OutboundConfig } from './notifications/outbound/outbound.js';
import { createOutboundService, outboundRoutes } from './notifications/outbound/outbound.routes.js';
import { instructionsRoutes } from './supervision/instructions.routes.js';
import { reviewsRoutes } from './supervision/reviews.routes.js';
import { createReviewsService } from './supervision/reviews.service.js';
import { createInstructionsService } from './supervision/instructions.service.js';
import { emergencyMembersRoutes } from './supervision/emergency-members.routes.js';
import { createEmergencyMembersService } from './supervision/emergency-members.service.js';
import { createVerification } from './selfservice/verification.js';
import { createSelfService } from './selfservice/selfservice.service.js';
import { createMembershipService } from './selfservice/membership.service.js';
import { selfServiceRoutes } from './selfservice/selfservice.routes.js';
import { membershipRoutes } from './selfservice/membership.routes.js';
import { createServiceGroupsService } from './service-groups/service-groups.service.js';
import { groupDraftRoutes, groupInboundRoutes, registerGroupJobs } from './service-groups/service-groups.routes.js';
import { chineseIssue } from './platform/i18n/chinese.js';

// Zod's Chinese messages for every schema (a text's length said plainly: platform/i18n/chinese.ts); our own messages
// override where a field needs a better one.
z.config({ localeError: chineseIssue });

export const appVersion = '0.1.0';

export type AppDeps = {
  database: Database;
  config: Config;
  clock: Clock;
  logger?: boolean | object;
  attachments?: AttachmentStore;
  webRoot?: string;
  /** The change bus; by default one fitting the database, closed with the app. */
  bus?: ChangeBus;
  /** Poll for due jobs (main.ts). Tests leave it off and call `app.jobs.runDue()` after moving the clock. */
  runJobs?: boolean;
  /** Names this instance in the job table (two instances in one test). */
  instanceId?: string;
  /**
   * How many orders the long background work holds at a time (the national upload's batch, the provisional deadlines'
   * recompute per transaction): tests make them small to see several batches.
   */
  batchSizes?: { nationalUpload?: number; provisionalDeadlines?: number };
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The job runner of this instance: `runDue()` runs every job due at the clock's now. */
    jobs: JobRunner;
  }
}

/** The composition root: every service is built here from explicit dependencies, then each capability's routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { database, config, clock } = deps;
  const db = database.db;
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Ids in logs and error bodies let a person quote the failing request to an administrator.
    genReqId: () => crypto.randomUUID(),
    frameworkErrors,
    clientErrorHandler: clientErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerJsonBody(app, { maxDepth: config.jsonMaxDepth, maxKeys: config.jsonMaxKeys, bodyLimit: config.bodyLimitBytes });
  registerInputGuard(app);
  await registerSecurityHeaders(app, config);
  registerSameOrigin(app, config);
  await app.register(cookie);
  await registerOpenApi(app, appVersion);

  // The change bus: order announcements and reference-data invalidation, across instances on PostgreSQL.
  const bus = deps.bus ?? (await createChangeBus(database, (err) => app.log.warn({ err }, 'change bus')));
  if (!deps.bus) app.addHook('onClose', () => bus.close());

  // Reference data every order request reads: one copy per process, dropped when a writer announces a change.
  const units = createUnitDirectory({ db, clock, bus, province: config.province });
  const auth = createAuthService({ db, config, clock, bus, units });
  // The big screen's display tokens (analytics/display-tokens.ts), made below with the analytics service.
  let displayTokens: DisplayTokens | null = null;
  registerAuthHook(app, auth, { cookie: displayCookieName, actorOf: async (token, meta) => displayTokens?.actorFromDisplayToken(token, meta) ?? null });
  // After the auth hook: limits are counted per account once the request's account is known.
  await registerRateLimits(app, config);
  const ctx = { db, database, config, clock, bus };

  // Jobs act as the system actor; the runner is built first so every capability can register its job kinds.
  const jobs = createJobRunner({
    db,
    clock,
    system: systemActorSource(db, clock, config.province),
    ...(deps.instanceId ? { instanceId: deps.instanceId } : {}),
    log: app.log,
  });
  app.decorate('jobs', jobs);
  app.addHook('onClose', () => jobs.stop());
  registerJobHousekeeping(jobs);

  await app.register(systemRoutes, { prefix: '/api', ...ctx, version: appVersion, jobKinds: () => jobs.kinds() });
  await app.register(authRoutes, { prefix: '/api/auth', auth, config });
  await app.register(unitsRoutes, { prefix: '/api/units', ...ctx });
  await app.register(usersRoutes, { prefix: '/api/users', ...ctx });
  await app.register(catalogRoutes, { prefix: '/api', ...ctx });
  const reference = createCatalogReference({ db, clock, bus });
  const limits = createTimeLimits(reference);
  // One calendar service for everyone, so an administrator's change is seen by the next deadline computed.
  // Entering an official year recomputes the open orders' provisional deadlines after it commits, in batches, with a
  // job written with the year to finish what that run does not (orders/provisional-deadlines.ts).
  const provisionalBatch = deps.batchSizes?.provisionalDeadlines;
  const calendar = createCalendarService({
    db,
    clock,
    bus,
    yearEntered: provisionalYearHook({ db, limits, batchSize: provisionalBatch, log: (err) => app.log.error({ err }, 'provisional deadlines recompute') }),
  });
  registerProvisionalCarry(jobs, { limits, calendar: () => calendar.fresh(), ...(provisionalBatch ? { batchSize: provisionalBatch } : {}) });
  await app.register(calendarRoutes, { prefix: '/api/calendar', ...ctx, calendar });
  await app.register(auditRoutes, { prefix: '/api/audit', ...ctx });
  await app.register(jobsRoutes, { prefix: '/api/jobs', ...ctx, jobKinds: () => jobs.kinds() });

  // Exchange with other platforms (issue 16): status messages to partners are written by order changes themselves.
  const secrets = createSecretBox(config.secretKeys);
  const outbound = createOutbound({ db, clock, secrets, timeoutMs: config.exchangeTimeoutSeconds * 1000 });
  // Callers' synonyms, shared by article search and the order list's word search; an editor's change reaches every instance.
  const synonyms = createSynonymCache({ db, clock, bus });
  const orderDeps: OrderDeps = {
    db,
    clock,
    config,
    calendar,
    units,
    reference,
    synonyms,
    limits,
    // PGlite is one process with no fsync per commit: numbers one by one, without gaps. PostgreSQL: blocks of 20.
    // (A burst of intakes is one reservation either way: order-numbers.ts.)
    bus,
    inProcessDatabase: database.kind === 'pglite',
    orderNumbers: createOrderNumberAllocator(db, database.kind === 'pglite' ? 1 : 20),
    attachments: deps.attachments ?? (database.kind === 'pglite' ? createFileStore(path.join(config.dataDir, 'attachments')) : createDbStore(db)),
    exchange: outbound,
  };
  const handling = createHandlingService(orderDeps);
  const orders = createOrdersService(orderDeps);
  const list = createOrderListService(orderDeps);
  // Idempotency-Key on createOrder (the intake form's call key, integrations' retries); expired keys purged hourly.
  const idempotency = createIdempotency({ db, clock });
  registerIdempotencyPurge(jobs);
  const intake = createIntakeService(orderDeps);
  await app.register(ordersRoutes, { prefix: '/api/orders', idempotency, intake, orders, list, handling });
  // Knowledge base and search (issue 12): articles, their search, answering an order with one, order search.
  // The searcher's province ranks its local policies first and leaves out other provinces' (unless the caller's region names one).
  const search = createSearchService({
    db,
    clock,
    synonyms,
    homeRegion: async (actor) => (await units.current()).get(actor.unitId)?.divisionCode ?? config.province,
  });
  const knowledge = createKnowledgeService({ db, clock, search, files: orderDeps.attachments });
  await app.register(knowledgeRoutes, { prefix: '/api/knowledge', knowledge, search });
  await app.register(orderKnowledgeRoutes, {
    prefix: '/api/orders',
    answers: createAnswerService({ orderDeps, orders, knowledge, search }),
    searchOrders: createOrderSearch(list),
  });
  await app.register(dispatchRoutes, { prefix: '/api/orders', dispatch: createDispatchService(orderDeps) });
  await app.register(handlingRoutes, { prefix: '/api/orders', handling });
  await app.register(closureRoutes, { prefix: '/api/orders', closure: createClosureService(orderDeps) });
  // Figures: kept by the dirty marks the order tables' triggers write; the bus makes the cockpit refresh at once (orders
  // and calls).
  const analytics = createAnalyticsService({
    db,
    clock,
    calendar,
    units,
    onOrderChanged: (listener) => bus.subscribe('order.changed', () => listener()),
    onCallsChanged: (listener) => bus.subscribe('calls.changed', () => listener()),
  });
  await app.register(analyticsRoutes, { prefix: '/api/analytics', analytics, clock, province: config.province });
  const reports = createReportsService({ db, clock, analytics, province: config.province });
  await app.register(reportsRoutes, { prefix: '/api/analytics', reports });
  displayTokens = createDisplayTokens({ db, clock, analytics });
  await app.register(displayTokenRoutes, { prefix: '/api/analytics', tokens: displayTokens });
  registerReportJobs(jobs, { reports });
  // Reading requests (suggestions at intake), surge warnings and forecasts; the surge scan runs hourly as a job.
  const intelligence = createIntelligenceService({ db, clock, config });
  await app.register(intelligenceRoutes, { prefix: '/api/intelligence', intelligence });
  jobs.register('intelligence.surge_scan', async (_job, jc) => {
    await intelligence.scanSurges(jc.now);
  });
  jobs.every('intelligence.surge_scan', 3600_000);

  // Supervision (督办) and the notification centre: the timers scan and notice delivery run as jobs.
  // Outbound channels (issue 11): a signed webhook, SMS through the provider's gateway (logged on the embedded demo
  // only), and phone tasks; each delivery a job of its own, retried with back-off. The demo logs notices' SMS at debug
  // (its first start sends ~250, which buried the banner; the outbound page lists each) and verification codes at
  // info (the README sends a person trying the self-service page to the log for the code).
  const smsChannel = (log: (o: object, m: string) => void) =>
    config.smsGatewayUrl
      ? smsGatewayChannel(config.smsGatewayUrl, config.smsGatewayToken)
      : database.kind === 'pglite' && config.demo
        ? loggingSmsChannel(log)
        : null;
  const outboundConfig: OutboundConfig = {
    webhook: config.webhookUrl && config.webhookSecret ? { url: config.webhookUrl, channel: webhookChannel(config.webhookSecret) } : null,
    sms: smsChannel((o, m) => app.log.debug(o, m)),
  };
  registerNoticeDelivery(jobs, {
    bus,
    // The units are read only for a phone task's notice, once a batch, through the delivery's transaction (PGlite has
    // one connection; a copy cached within its lifetime is read from memory).
    outbound: (tx, delivered, at) => {
      let directory: ReturnType<typeof units.current> | undefined;
      return planOutbounds(tx, outboundConfig, delivered, at, async (unitId) => phonedUnitOf(await (directory ??= units.current(tx)))(unitId));
    },
  });
  registerOutboundDelivery(jobs, outboundConfig);
  await app.register(outboundRoutes, { prefix: '/api', outbound: createOutboundService({ db, clock }) });
  registerDeadlineCounts(jobs, config.deadlineCountSeconds * 1000);
  registerIndexCatchUp(jobs);
  registerSupervisionScan(jobs, { calendar, everyMs: config.supervisionScanMinutes * 60_000, log: (o, m) => app.log.warn(o, m) });
  const calls = createCallsService({ db, clock, bus, units, inProcessDatabase: database.kind === 'pglite', listCountCap: config.listCountCap });
  await app.register(notificationsRoutes, {
    prefix: '/api/notifications',
    notifications: createNotificationsService({ db, clock }),
    bus,
    sources: [calls.screenPopSource],
  });
  await app.register(supervisionRoutes, { prefix: '/api', supervision: createSupervisionService(orderDeps) });
  await app.register(instructionsRoutes, { prefix: '/api', instructions: createInstructionsService(orderDeps) });
  await app.register(reviewsRoutes, { prefix: '/api', reviews: createReviewsService({ db, clock, calendar }) });
  await app.register(emergencyMembersRoutes, { prefix: '/api', members: createEmergencyMembersService({ db, clock }) });
  if (deps.runJobs && config.jobsPollSeconds > 0) app.addHook('onReady', async () => jobs.start(config.jobsPollSeconds * 1000));
  await app.register(qualityRoutes, { prefix: '/api/quality', quality: createQualityService({ db, clock, config, calendar }) });
  await app.register(mediationRoutes, { prefix: '/api/mediation', mediation: createMediationService({ db, clock }) });
  const legal = createLegalService({ db, clock, notify: riskNotices, listCountCap: config.listCountCap });
  await app.register(legalRoutes, { prefix: '/api/legal', legal });
  registerLegalJobs(jobs, legal);
  // Lawyer seats: the roster's shifts over the working calendar, transfers to the lawyer on duty, consultations.
  await app.register(lawyerSeatsRoutes, { prefix: '/api/legal', seats: createLawyerSeatsService({ db, clock, calendar, units }) });
  await app.register(ivrRoutes, { prefix: '/api/ivr', ivr: createIvrService({ db, clock, units }) });
  await app.register(callsRoutes, { prefix: '/api/calls', calls, clock, secret: config.telephonySecret });
  const recordings = createCallRecordings({ calls, store: orderDeps.attachments });
  await app.register(callRecordingRoutes, { prefix: '/api/calls', recordings, clock, secret: config.telephonySecret });
  registerCallJobs(jobs);
  const exchange = createExchangeService({
    db,
    clock,
    outbound,
    secrets,
    units,
    timeoutMs: config.exchangeTimeoutSeconds * 1000,
    listCountCap: config.listCountCap,
  });
  await app.register(exchangeInboundRoutes, {
    prefix: '/api/exchange/inbound',
    inbound: createInboundService({
      db,
      clock,
      intake,
      outbound,
      system: jobs.system,
      secrets,
      partners: createPartnerDirectory({ db, clock, bus }),
      inProcessDatabase: database.kind === 'pglite',
    }),
  });
  const uploads = createNationalUploadService({
    db,
    clock,
    outbound,
    units,
    ...(deps.batchSizes?.nationalUpload ? { batchSize: deps.batchSizes.nationalUpload } : {}),
  });
  await app.register(exchangeRoutes, { prefix: '/api', partners: createPartnersService({ db, clock, secrets, units, bus }), exchange, uploads });
  outbound.register(jobs);
  registerExchangeJobs(jobs, exchange, uploads);
  // The worker's own page (自助服务, issue 14) and the union's WeChat service groups: requests that come in without an
  // agent, pre-classified by the intelligence module, wait for an agent's check (check_request) before dispatch.
  const verification = createVerification({ db, clock, sms: smsChannel((o, m) => app.log.info(o, m)) });
  const selfService = createSelfService({ db, clock, verification, intelligence, intake, units, system: jobs.system });
  const membership = createMembershipService({ db, clock, verification, intelligence, units });
  await app.register(selfServiceRoutes, { prefix: '/api/public', verification, selfService, membership });
  await app.register(membershipRoutes, { prefix: '/api/memberships', membership });
  const groups = createServiceGroupsService({ db, clock, secret: config.wechatGroupSecret, intelligence, intake, selfService, system: jobs.system });
  await app.register(groupInboundRoutes, { prefix: '/api/wechat-groups', groups });
  await app.register(groupDraftRoutes, { prefix: '/api/wechat-groups', groups });
  registerGroupJobs(jobs, groups);
  // Registered whether or not the client is built: a build made while the server runs is served without a restart.
  await registerWebClient(app, deps.webRoot);
  return app;
}

/** What every capability's routes plugin receives. */
export type RouteContext = { db: Database['db']; database: Database; config: Config; clock: Clock; bus: ChangeBus };
