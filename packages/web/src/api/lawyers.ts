import { http, ok } from './client.js';
import type { Answer, Body, QueryOf } from './types.js';

/** Lawyer seats (律师座席) and the voice menu, typed from the OpenAPI document. */
export type LawyerShifts = Answer<'listLawyerShifts'>;
export type OnDutyLawyer = LawyerShifts['onDuty'][number];
export type LawyerTransfer = Answer<'transferToLawyer'>;
export type LawyerFigures = Answer<'getLawyerFigures'>;
export type RosterBody = Body<'updateLawyerRoster'>;
export type IvrView = Answer<'getIvrConfig'>;
export type IvrConfig = IvrView['config'];
export type IvrNode = IvrConfig['nodes'][number];
export type CallPage = Answer<'listCalls'>;
export type CallQuery = QueryOf<'listCalls'>;

export const lawyersApi = {
  shifts: (query: QueryOf<'listLawyerShifts'> = {}, signal?: AbortSignal) =>
    ok(http.GET('/api/legal/lawyer-shifts', { params: { query }, ...(signal ? { signal } : {}) })),
  saveRoster: (body: RosterBody) => ok(http.PUT('/api/legal/lawyer-roster', { body })),
  swap: (body: Body<'createLawyerSwap'>) => ok(http.POST('/api/legal/lawyer-swaps', { body })),
  transfer: (body: Body<'transferToLawyer'>) => ok(http.POST('/api/legal/lawyer-transfers', { body })),
  transfers: (query: QueryOf<'listLawyerTransfers'> = {}) => ok(http.GET('/api/legal/lawyer-transfers', { params: { query } })),
  consult: (id: string, body: Body<'recordLegalConsultation'>) =>
    ok(http.POST('/api/legal/lawyer-transfers/{id}/consultation', { params: { path: { id } }, body })),
  figures: (query: QueryOf<'getLawyerFigures'>) => ok(http.GET('/api/legal/lawyer-figures', { params: { query } })),
};

export const ivrApi = {
  get: () => ok(http.GET('/api/ivr/')),
  save: (body: Body<'updateIvrConfig'>) => ok(http.PUT('/api/ivr/', { body })),
  export: () => ok(http.GET('/api/ivr/export')),
};

export const callRecordsApi = {
  list: (query: CallQuery, signal?: AbortSignal) => ok(http.GET('/api/calls/', { params: { query }, ...(signal ? { signal } : {}) })),
};
