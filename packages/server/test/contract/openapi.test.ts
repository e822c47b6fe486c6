import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { operationsOf, type OpenApiDoc } from './openapi-doc.js';

/** The API contract as published: every operation named, described in both languages, typed for success and failure. */
let t: TestApp;
let doc: OpenApiDoc;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.anonymous().get('/api/openapi.json');
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => t.close());

const required = [
  'health',
  'login',
  'logout',
  'getSession',
  'switchRole',
  'changePassword',
  'listUnits',
  'getUnit',
  'createUnit',
  'updateUnit',
  'moveUnit',
  'listUsers',
  'createUser',
  'updateUser',
  'resetPassword',
  'createApiToken',
  'getCatalog',
  'updateCatalog',
  'listTimeLimitRules',
  'updateTimeLimitRule',
  'listCalendarDays',
  'setCalendarDay',
  'previewDeadline',
  'listAuditEvents',
  'createOrder',
  'getOrder',
  'listOrders',
  'listOrderEvents',
  'findIntakeMatches',
  'dispatchOrder',
  'handleOrderAtHotline',
  'signOrder',
  'returnOrder',
  'decideReturn',
  'addOrderNote',
  'addOrderAttachment',
  'inviteCoHandler',
  'removeCoHandler',
  'replyCoHandlerPart',
  'requestExtension',
  'decideExtension',
  'replyOrder',
  'reviewOrder',
  'recordCallback',
  'reopenOrder',
  'archiveOrder',
  'mergeOrders',
  'linkOrders',
  'invalidateOrder',
  'revealOrderContact',
  // Issue 14's contract (calls and channels).
  'ingestCallEvents',
  'listCalls',
  'getCall',
  'getCallFigures',
  'getIvrConfig',
  'updateIvrConfig',
  'listCallQueues',
  'listLawyerShifts',
  'transferToLawyer',
  'recordLegalConsultation',
  'submitPublicRequest',
  'trackPublicRequest',
  'ratePublicRequest',
  'applyMembership',
  'trackMembershipApplication',
  'ingestGroupMessages',
  // Issue 16's contract (exchange with other platforms).
  'listExchangePartners',
  'createExchangePartner',
  'updateExchangePartner',
  'receiveExternalOrder',
  'transferOrderOut',
  'listExchangeMessages',
  'retryExchangeMessage',
  'getReconciliation',
];

/**
 * Operations that cannot fail on input: public and without parameters or body, so no 4xx can ever be answered and
 * documenting one would be untrue. Anything else must document its error body.
 */
const noInputOperations = new Set(['health']);

const chinese = /[\u4e00-\u9fff]/;
// A line of its own in Latin script with two words at least: an English sentence, not a field name inside the Chinese.
const english = /^[^\u4e00-\u9fff\n]*[A-Za-z]+\s+[A-Za-z]+[^\u4e00-\u9fff\n]*$/m;

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3 document with the whole API', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    const ids = operationsOf(doc).map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(required.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('gives every operation an id, tags, a summary and a description in Chinese and English', () => {
    const problems: string[] = [];
    const knownTags = new Set((doc.tags ?? []).map((tag) => tag.name));
    for (const op of operationsOf(doc)) {
      const where = `${op.method} ${op.path}`;
      if (!op.operationId) problems.push(`${where}: no operationId`);
      if (!op.summary?.trim()) problems.push(`${where}: no summary`);
      if (!op.description || !chinese.test(op.description)) problems.push(`${where}: description without Chinese`);
      if (!op.description || !english.test(op.description)) problems.push(`${where}: description without English`);
      if (!op.tags?.length) problems.push(`${where}: no tags`);
      for (const tag of op.tags ?? []) if (!knownTags.has(tag)) problems.push(`${where}: tag ${tag} is not declared`);
    }
    expect(problems).toEqual([]);
  });

  it('documents a success and a failure response body for every operation', () => {
    const problems: string[] = [];
    for (const op of operationsOf(doc)) {
      const codes = Object.keys(op.responses ?? {});
      const hasSchema = (c: string) => c === '204' || Object.values(op.responses![c]!.content ?? {}).some((x) => !!x.schema);
      const ok = codes.filter((c) => /^2\d\d$/.test(c));
      const failures = codes.filter((c) => /^4\d\d$/.test(c));
      if (!ok.length) problems.push(`${op.operationId}: no 2xx response`);
      if (ok.length && !ok.some(hasSchema)) problems.push(`${op.operationId}: no 2xx response schema`);
      if (!noInputOperations.has(op.operationId)) {
        if (!failures.length) problems.push(`${op.operationId}: no 4xx response`);
        for (const c of failures) {
          const schema = op.responses![c]!.content?.['application/json']?.schema as { required?: string[] } | undefined;
          if (!schema?.required?.includes('code') || !schema.required.includes('message') || !schema.required.includes('requestId')) {
            problems.push(`${op.operationId}: ${c} is not the error body`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every input route a 400 and every route behind a login a 401', () => {
    const problems: string[] = [];
    for (const op of operationsOf(doc)) {
      if (noInputOperations.has(op.operationId)) continue;
      const codes = Object.keys(op.responses ?? {});
      const hasInput = !!op.requestBody || (op.parameters ?? []).length > 0 || op.operationId === 'addOrderAttachment';
      if (hasInput && !codes.includes('400')) problems.push(`${op.operationId}: no 400`);
      if (op.operationId !== 'login' && !codes.includes('401')) problems.push(`${op.operationId}: no 401`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses unknown fields in every documented request body', () => {
    const open: string[] = [];
    for (const op of operationsOf(doc)) {
      const schema = op.requestBody?.content?.['application/json']?.schema as { type?: string; additionalProperties?: unknown } | undefined;
      if (schema?.type === 'object' && schema.additionalProperties !== false) open.push(op.operationId);
    }
    expect(open).toEqual([]);
  });
});

describe('GET /api/docs', () => {
  it('answers the interactive documentation as HTML without a login', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toMatch(/<html/i);
  });
});
