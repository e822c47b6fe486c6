import type { CallerInput, CreateOrderBody } from '../api/orders.js';
import type { Channel, Priority, Tier } from '../api/types.js';
import { normalisePhone, phonePattern } from '../shared/validation.js';
import { intakeTab } from './intake-tab.js';

export type CallerValues = { phone?: string; name?: string; relation?: CallerInput['relation']; idNumber?: string };

/** The intake form as the agent fills it: flat, so every field is one keystroke away. */
export type IntakeValues = {
  channel: Channel;
  callers: CallerValues[];
  typeCode?: string;
  subjectCode?: string;
  division?: string[];
  placeText?: string;
  employerName?: string;
  creditCode?: string;
  employerAddress?: string;
  workersInvolved?: number | null;
  amountInvolved?: number | null;
  title?: string;
  narrative?: string;
  riskFlags: string[];
  /** Threshold flags (set by the server when reached) the agent took off, with a reason. */
  clearedRiskFlags?: ClearedRiskFlag[];
  priority: Priority;
  tier: Tier;
  confidential: boolean;
  answeredOnSpot: boolean;
  answer?: string;
};

export type ClearedRiskFlag = { flag: 'mass' | 'large' | 'repeat'; reason: string };

export const emptyIntake = (): IntakeValues => ({
  channel: 'phone',
  callers: [{ relation: 'self' }],
  riskFlags: [],
  clearedRiskFlags: [],
  priority: 'normal',
  tier: 'general',
  confidential: false,
  answeredOnSpot: false,
});

/**
 * Every field named, so that setting it clears what the last call left, whatever the form started from (a restored
 * draft is the form's initial value, and resetting would bring that draft back).
 */
export const blankIntake = (): IntakeValues => ({
  typeCode: undefined,
  subjectCode: undefined,
  division: undefined,
  placeText: undefined,
  employerName: undefined,
  creditCode: undefined,
  employerAddress: undefined,
  workersInvolved: undefined,
  amountInvolved: undefined,
  title: undefined,
  narrative: undefined,
  answer: undefined,
  ...emptyIntake(),
});

/** Where the server's field names land on this form (the rest share their names). */
export const serverFieldAlias: Record<string, (string | number)[]> = {
  'place.divisionCode': ['division'],
  'place.text': ['placeText'],
  place: ['placeText'],
  'employer.name': ['employerName'],
  'employer.creditCode': ['creditCode'],
  'employer.address': ['employerAddress'],
  employer: ['employerName'],
  'answeredOnSpot.answer': ['answer'],
  answeredOnSpot: ['answer'],
};

/** Attaching sends the form's first caller as `caller`: the server's messages about it land on that caller's fields. */
export const attachFieldAlias: Record<string, (string | number)[]> = {
  caller: ['callers', 0, 'name'],
  'caller.name': ['callers', 0, 'name'],
  'caller.phone': ['callers', 0, 'phone'],
  'caller.idNumber': ['callers', 0, 'idNumber'],
};

/**
 * Whether caller `i` gives a number an earlier caller of the form gave, as typed or normalised ("139 0471 0002" is
 * 13904710002): the server refuses one number for two callers of an order (orders/domain/caller-numbers.ts).
 */
export function repeatsEarlierNumber(callers: readonly (CallerValues | undefined)[] | undefined, i: number): boolean {
  const number = (c: CallerValues | undefined) => (c?.phone?.trim() ? normalisePhone(c.phone) : '');
  const n = number(callers?.[i]);
  return !!n && (callers ?? []).slice(0, i).some((c) => number(c) === n);
}

const trimmed = (s: string | undefined | null) => {
  const v = s?.trim();
  return v ? v : undefined;
};

export function toCaller(c: CallerValues) {
  const phone = c.phone ? normalisePhone(c.phone) : undefined;
  const idNumber = trimmed(c.idNumber)?.toUpperCase();
  return {
    name: (c.name ?? '').trim(),
    ...(phone ? { phone } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(c.relation ? { relation: c.relation } : {}),
  };
}

/** The POST /api/orders body: empty optional parts left out, so the server's defaults and checks apply. */
export function toCreateBody(v: IntakeValues): CreateOrderBody {
  const employer = { name: trimmed(v.employerName), creditCode: trimmed(v.creditCode)?.toUpperCase(), address: trimmed(v.employerAddress) };
  const divisionCode = v.division?.length ? v.division[v.division.length - 1] : undefined;
  const place = { text: trimmed(v.placeText), divisionCode };
  const compact = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Partial<T>;
  const body: CreateOrderBody = {
    channel: v.channel,
    callers: v.callers.filter((c) => c.name?.trim() || c.phone?.trim()).map(toCaller),
    narrative: (v.narrative ?? '').trim(),
    typeCode: v.typeCode ?? '',
    subjectCode: v.subjectCode ?? '',
    priority: v.priority,
    tier: v.tier,
    riskFlags: [...new Set(v.riskFlags)],
    confidential: v.confidential,
  };
  const cleared = (v.clearedRiskFlags ?? []).filter((c) => !v.riskFlags.includes(c.flag));
  if (cleared.length) body.clearedRiskFlags = cleared;
  if (Object.values(employer).some(Boolean)) body.employer = compact(employer);
  if (Object.values(place).some(Boolean)) body.place = compact(place);
  const title = trimmed(v.title);
  if (title) body.title = title;
  if (typeof v.workersInvolved === 'number') body.workersInvolved = v.workersInvolved;
  if (typeof v.amountInvolved === 'number') body.amountInvolved = v.amountInvolved;
  if (v.answeredOnSpot) body.answeredOnSpot = { answer: (v.answer ?? '').trim() };
  return body;
}

/** What the intake-matches query needs from the form; undefined parts are not sent. */
export function matchQueryOf(v: Partial<IntakeValues>) {
  const phone = v.callers?.[0]?.phone ? normalisePhone(v.callers[0].phone) : '';
  const employer = v.employerName?.trim() ?? '';
  const divisionCode = v.division?.length ? v.division[v.division.length - 1] : undefined;
  return {
    ...(phonePattern.test(phone) ? { phone } : {}),
    ...(employer.length >= 2 ? { employer } : {}),
    ...(divisionCode ? { divisionCode } : {}),
    // Only figures the form's rules accept (PlaceFields.tsx): a slip being typed (-5) is not a question to ask.
    ...(workersOk(v.workersInvolved) ? { workersInvolved: v.workersInvolved } : {}),
    ...(amountOk(v.amountInvolved) ? { amountInvolved: v.amountInvolved } : {}),
  };
}

const workersOk = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 100_000;
const amountOk = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1e11;

/**
 * The draft survives a reload or a crashed tab: one per person and browser tab (two calls taken in two tabs never
 * overwrite each other), with the moment the call started (null until the agent starts it or types) and the call's
 * idempotency key, so a save repeated after a lost answer makes one order.
 */
export type Draft = { values: IntakeValues; startedAt: number | null; callKey: string };
export const newCallKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * This tab's id (intake-tab.ts): kept in sessionStorage, which is the tab's own and survives its reload (and a restored
 * session after a crash), and made new in a duplicated tab, which starts with a copy of it; the draft itself is in
 * localStorage.
 */
export function intakeTabId(): string {
  try {
    return intakeTab().id();
  } catch {
    // No storage (a locked-down browser): one draft per person, as before.
    return 'tab';
  }
}
/** The tab this duplicated tab was copied from, once (null otherwise). */
function copiedTabId(): string | null {
  try {
    return intakeTab().takeCopiedFrom();
  } catch {
    return null;
  }
}
export const draftKey = (userId: string, tabId: string) => `hotline.intake.draft:${userId}:${tabId}`;
/** The one draft per person kept before drafts were per tab: taken over by the first tab that finds none of its own. */
const legacyDraftKey = (userId: string) => `hotline.intake.draft:${userId}`;

function parseDraft(raw: string | null): Draft | null {
  try {
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    if (!d || (typeof d.startedAt !== 'number' && d.startedAt !== null) || !d.values || !Array.isArray(d.values.callers)) return null;
    return { startedAt: d.startedAt, callKey: typeof d.callKey === 'string' ? d.callKey : newCallKey(), values: { ...emptyIntake(), ...d.values } };
  } catch {
    return null;
  }
}

export function loadDraft(userId: string, tabId = intakeTabId(), copiedFrom = copiedTabId()): Draft | null {
  const own = localStorage.getItem(draftKey(userId, tabId));
  if (own !== null) return parseDraft(own);
  const original = copiedFrom === null ? null : parseDraft(localStorage.getItem(draftKey(userId, copiedFrom)));
  if (original) {
    // A duplicated tab is offered the original's draft once, as its own copy from now on, under a call key of its own:
    // two tabs saving under one key would make one order of two forms.
    const copy = { ...original, callKey: newCallKey() };
    saveDraft(userId, copy, tabId);
    return copy;
  }
  const legacy = localStorage.getItem(legacyDraftKey(userId));
  if (legacy === null) return null;
  // Moved, not copied: a second tab must not take the same call over too.
  localStorage.removeItem(legacyDraftKey(userId));
  const d = parseDraft(legacy);
  if (d) saveDraft(userId, d, tabId);
  return d;
}
export const saveDraft = (userId: string, d: Draft, tabId = intakeTabId()) => localStorage.setItem(draftKey(userId, tabId), JSON.stringify(d));
export const clearDraft = (userId: string, tabId = intakeTabId()) => localStorage.removeItem(draftKey(userId, tabId));

/** Has the agent typed anything worth keeping? (Defaults alone are not a draft.) */
export function isBlank(v: Partial<IntakeValues>): boolean {
  const c = v.callers ?? [];
  const anyCaller = c.some((x) => x.phone?.trim() || x.name?.trim() || x.idNumber?.trim());
  return !anyCaller && !v.typeCode && !v.subjectCode && !v.narrative?.trim() && !v.employerName?.trim() && !v.placeText?.trim() && !v.division?.length;
}

/** Open orders a further caller may be attached to (the server's attach_caller states). */
export const attachableStates = ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied'];
