import { http, ok } from './client.js';
import type { Answer, Body, QueryOf } from './types.js';

/** Quality inspection, mediation and legal work, typed from the OpenAPI document. */
export type Inspection = Answer<'getInspection'>;
export type InspectionPage = Answer<'listInspections'>;
export type Rectification = Answer<'listRectifications'>['items'][number];
export type QualityFigures = Answer<'getQualityFigures'>;
export type Letter = Answer<'getSupervisionLetter'>;
export type RegisterPage = Answer<'listRiskEmployers'>;
export type RegisterQuery = QueryOf<'listRiskEmployers'>;
export type RiskEmployer = RegisterPage['items'][number];
export type MediationCase = Answer<'getMediationCase'>;
export type Referral = Answer<'listReferrals'>['items'][number];

const id = (id: string) => ({ params: { path: { id } } });

export const qualityApi = {
  draw: (body: Body<'drawInspectionSample'>) => ok(http.POST('/api/quality/sample', { body })),
  list: (query: QueryOf<'listInspections'>) => ok(http.GET('/api/quality/inspections', { params: { query } })),
  score: (i: string, body: Body<'scoreInspection'>) => ok(http.POST('/api/quality/inspections/{id}/score', { ...id(i), body })),
  appeal: (i: string, body: Body<'appealInspection'>) => ok(http.POST('/api/quality/inspections/{id}/appeal', { ...id(i), body })),
  decideAppeal: (i: string, body: Body<'decideInspectionAppeal'>) => ok(http.POST('/api/quality/inspections/{id}/appeal-decision', { ...id(i), body })),
  rectifications: (query: QueryOf<'listRectifications'>) => ok(http.GET('/api/quality/rectifications', { params: { query } })),
  closeRectification: (i: string, body: Body<'closeRectification'>) => ok(http.POST('/api/quality/rectifications/{id}/close', { ...id(i), body })),
  figures: (query: QueryOf<'getQualityFigures'>) => ok(http.GET('/api/quality/figures', { params: { query } })),
};

export const legalApi = {
  letters: (query: QueryOf<'listSupervisionLetters'>) => ok(http.GET('/api/legal/letters', { params: { query } })),
  createLetter: (body: Body<'createSupervisionLetter'>) => ok(http.POST('/api/legal/letters', { body })),
  updateLetter: (i: string, body: Body<'updateSupervisionLetter'>) => ok(http.PATCH('/api/legal/letters/{id}', { ...id(i), body })),
  approveLetter: (i: string, version: number) => ok(http.POST('/api/legal/letters/{id}/approve', { ...id(i), body: { version } })),
  sendLetter: (i: string, body: Body<'sendSupervisionLetter'>) => ok(http.POST('/api/legal/letters/{id}/send', { ...id(i), body })),
  letterResponse: (i: string, body: Body<'recordLetterResponse'>) => ok(http.POST('/api/legal/letters/{id}/response', { ...id(i), body })),
  letterFollowUp: (i: string, body: Body<'recordLetterFollowUp'>) => ok(http.POST('/api/legal/letters/{id}/follow-up', { ...id(i), body })),
  letterUrl: (i: string) => `/api/legal/letters/${i}/document.docx`,
  register: (query: RegisterQuery, signal?: AbortSignal) => ok(http.GET('/api/legal/risk-employers', { params: { query }, ...(signal ? { signal } : {}) })),
  planVisit: (body: Body<'planRiskEmployerVisit'>) => ok(http.POST('/api/legal/risk-employers/visits', { body })),
  visitResult: (i: string, body: Body<'recordRiskEmployerVisit'>) => ok(http.POST('/api/legal/risk-employers/visits/{id}/result', { ...id(i), body })),
  referrals: (orderId: string) => ok(http.GET('/api/legal/referrals', { params: { query: { orderId } } })),
  refer: (body: Body<'referOrderToPetition'>) => ok(http.POST('/api/legal/referrals', { body })),
  referralResult: (i: string, body: Body<'recordReferralResult'>) => ok(http.POST('/api/legal/referrals/{id}/result', { ...id(i), body })),
};

export const mediationApi = {
  list: (orderId: string) => ok(http.GET('/api/mediation/cases', { params: { query: { orderId } } })),
  all: (query: { state?: 'open' | 'agreed' | 'failed' | undefined; limit?: number; offset?: number }) =>
    ok(http.GET('/api/mediation/cases', { params: { query } })),
  open: (body: Body<'createMediationCase'>) => ok(http.POST('/api/mediation/cases', { body })),
  session: (i: string, body: Body<'recordMediationSession'>) => ok(http.POST('/api/mediation/cases/{id}/sessions', { ...id(i), body })),
  agreement: (i: string, body: Body<'recordMediationAgreement'>) => ok(http.POST('/api/mediation/cases/{id}/agreement', { ...id(i), body })),
  failure: (i: string, body: Body<'recordMediationFailure'>) => ok(http.POST('/api/mediation/cases/{id}/failure', { ...id(i), body })),
  payment: (i: string, body: Body<'recordMediationPayment'>) => ok(http.POST('/api/mediation/cases/{id}/payments', { ...id(i), body })),
  agreementUrl: (i: string) => `/api/mediation/cases/${i}/agreement.docx`,
};
