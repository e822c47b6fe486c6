import { http, ok } from './client.js';
import type { Answer, Body } from './types.js';

export type PublicProgress = Answer<'trackPublicRequest'>;
export type ApplicationProgress = Answer<'trackMembershipApplication'>;
export type MembershipApplication = Answer<'listMembershipApplications'>['items'][number];
export type GroupDraft = Answer<'listGroupDrafts'>['items'][number];

/** The worker's own page (public, no account) and the union's side of it: applications and group drafts. */
export const selfServiceApi = {
  requestCode: (body: Body<'requestVerificationCode'>) => ok(http.POST('/api/public/verification-codes', { body })),
  submit: (body: Body<'submitPublicRequest'>) => ok(http.POST('/api/public/requests', { body })),
  track: (body: Body<'trackPublicRequest'>) => ok(http.POST('/api/public/requests/track', { body })),
  rate: (body: Body<'ratePublicRequest'>) => ok(http.POST('/api/public/requests/rate', { body })),
  apply: (body: Body<'applyMembership'>) => ok(http.POST('/api/public/memberships', { body })),
  trackApplication: (body: Body<'trackMembershipApplication'>) => ok(http.POST('/api/public/memberships/track', { body })),
};

const path = (id: string) => ({ params: { path: { id } } });
export const unionServicesApi = {
  memberships: (state?: MembershipApplication['state']) =>
    ok(http.GET('/api/memberships/', { params: { query: { ...(state ? { state } : {}), limit: 200 } } })),
  accept: (id: string, version: number) => ok(http.POST('/api/memberships/{id}/accept', { ...path(id), body: { version } })),
  issueCard: (id: string, body: Body<'issueMemberCard'>) => ok(http.POST('/api/memberships/{id}/issue-card', { ...path(id), body })),
  decline: (id: string, body: Body<'declineMembershipApplication'>) => ok(http.POST('/api/memberships/{id}/decline', { ...path(id), body })),
  drafts: (state?: GroupDraft['state']) =>
    ok(http.GET('/api/wechat-groups/drafts', { params: { query: { ...(state && state !== 'read' ? { state } : {}), limit: 100 } } })),
  confirm: (id: string, body: Body<'confirmGroupDraft'>) => ok(http.POST('/api/wechat-groups/drafts/{id}/confirm', { ...path(id), body })),
  dismiss: (id: string, body: Body<'dismissGroupDraft'>) => ok(http.POST('/api/wechat-groups/drafts/{id}/dismiss', { ...path(id), body })),
};
