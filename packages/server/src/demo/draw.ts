import type { Channel, Priority, Tier } from '../orders/domain/states.js';
import { autoTitle } from '../orders/domain/auto-title.js';
import { normaliseEmployerName } from '../orders/domain/employer.js';
import { suggestRiskFlags, type RiskSuggestion, type RiskThresholds } from '../orders/domain/risk-flags.js';
import { CHINA_OFFSET_MINUTES } from '../calendar/domain/working-time.js';
import type { Cast, Place, SeedActor, SeedUnit } from './cast.js';
import { callerName, employerName, employerShortName, idNumber, industries, mobilePhone, type IndustryKey } from './names.js';
import {
  courses,
  fill,
  hardships,
  hazards,
  injuries,
  projects,
  sharedConsults,
  spots,
  subjectTexts,
  yuan,
  type SubjectText,
  type TypeCode,
} from './narratives.js';
import { weighted, type Rng } from './random.js';

/** How a generated order runs: to the end of the loop, or held at one step (the open and overdue ones). */
export const stalls = ['stall_dispatch', 'stall_sign', 'stall_returned', 'stall_handling', 'stall_replied', 'stall_callback', 'stall_dissatisfied'] as const;
export type Kind = 'close_at_intake' | 'invalid' | 'merge_target' | 'suggestion' | 'flow' | (typeof stalls)[number];

/** Per hundred orders; a shuffled deck so every hundred holds each kind, whatever the seed. */
const deckPerHundred: [Kind, number][] = [
  ['close_at_intake', 24],
  ['invalid', 2],
  ['merge_target', 2],
  ['suggestion', 1],
  ...stalls.map((s) => [s, 1] as [Kind, number]),
  ['flow', 64],
];

export const isStall = (k: Kind): k is (typeof stalls)[number] => (stalls as readonly string[]).includes(k);

const DAY_MS = 86_400_000;
/** How long a stall stays open for certain: half a year (story.ts holds an undecided extension no longer either). */
export const stallsHeldForMs = 182 * DAY_MS;
/**
 * A stalled order is one the deck holds at a step, and the deck draws them at every age: over a year's seed that left
 * 7 % of all orders open (a 1,000,000-order decade: ~70,000 open, ~30,000 of them years overdue), a hotline in
 * collapse, not a province's. Supervision chases a stalled order until it moves: one taken more than half a year
 * before the seed's end has run its loop, except a tenth of those of the second half-year (the long-stalled few a
 * real backlog holds); none older than a year is still held. The demo's 90 days are not touched (`rng` is drawn only
 * for the half-year's tail).
 */
export function settledWithAge(kind: (typeof stalls)[number], ageMs: number, rng: Rng): Kind {
  if (ageMs <= stallsHeldForMs) return kind;
  if (ageMs <= 365 * DAY_MS && rng.chance(0.1)) return kind;
  return 'flow';
}

export function kindDeck(rng: Rng): () => Kind {
  let deck: Kind[] = [];
  return () => {
    if (!deck.length) deck = rng.shuffle(deckPerHundred.flatMap(([k, n]) => Array<Kind>(n).fill(k)));
    return deck.pop()!;
  };
}

const drawSubject = weighted<string>([
  ['wage_arrears', 30],
  ['labor_contract', 16],
  ['social_insurance', 12],
  ['work_injury', 7],
  ['working_hours', 6],
  ['labor_safety', 3],
  ['women_workers', 3],
  ['new_forms', 6],
  ['union_membership', 4],
  ['hardship_aid', 4],
  ['mutual_insurance', 3],
  ['skills_employment', 2.5],
  ['psych_care', 2],
  ['union_services', 2.5],
]);
const drawConsultSubject = weighted<string>([
  ['labor_contract', 26],
  ['social_insurance', 20],
  ['wage_arrears', 14],
  ['working_hours', 10],
  ['work_injury', 6],
  ['women_workers', 4],
  ['union_membership', 6],
  ['mutual_insurance', 4],
  ['skills_employment', 4],
  ['new_forms', 3],
  ['hardship_aid', 2],
  ['union_services', 1],
  ['general', 6],
]);
const drawChannel = weighted<Channel>([
  ['phone', 62],
  ['app', 7],
  ['web', 5],
  ['wechat', 8],
  ['walk_in', 5],
  ['transfer_12345', 9],
  ['upper_platform', 4],
  ['letter', 2],
  ['self_service', 2],
  ['other', 1],
]);
const drawConsultChannel = weighted<Channel>([
  ['phone', 82],
  ['app', 5],
  ['web', 3],
  ['wechat', 8],
  ['walk_in', 2],
]);
const drawTier = weighted<Tier>([
  ['general', 72],
  ['difficult', 22],
  ['complex', 6],
]);
/** Opinions and proposals (建议) come about these matters; one in a hundred orders is one, at least. */
const suggestionSubjects = Object.entries(subjectTexts)
  .filter(([, t]) => t.suggestions?.length)
  .map(([code]) => code);
/** Matters that turn urgent or major (危众多大隐): wages, injuries, safety, crises; not a membership transfer. */
const urgentSubjects = ['wage_arrears', 'work_injury', 'labor_safety', 'psych_care', 'new_forms', 'labor_contract'];
const roads = ['建设路', '新华大街', '人民路', '工业路', '团结路', '友谊大街', '迎宾路', '光明路'];

export type Request = {
  subject: string;
  type: TypeCode;
  channel: Channel;
  priority: Priority;
  tier: Tier;
  riskFlags: string[];
  suggested: RiskSuggestion[];
  confidential: boolean;
  place: Place;
  placeText: string | null;
  employer: { name: string; key: string; address: string | null } | null;
  /** The employer's own union when it is one of the installation's enterprise unions: it co-handles. */
  employerUnion: SeedUnit | null;
  workers: number | null;
  amount: number | null;
  title: string;
  narrative: string;
  answer: string | null;
  /** Slot values for the reply's measures. */
  vars: Record<string, string | number>;
  texts: SubjectText;
  intake: SeedActor;
  /** The unit holding the order at intake: the intake unit, or the hotline centre for an external platform's order. */
  holder: SeedUnit;
  /** The dispatcher who sends it out and later reviews it. */
  desk: SeedActor;
};

/** Recent employers, so some are named again (the 多 of 危众多大隐) and repeat requests show up in intake matches. */
export type EmployerMemory = { recent: { name: string; place: Place; industry: IndustryKey }[]; calls: Map<string, number[]> };
export const newEmployerMemory = (): EmployerMemory => ({ recent: [], calls: new Map() });

const localMonth = (at: Date, monthsBack: number) => {
  const d = new Date(at.getTime() + CHINA_OFFSET_MINUTES * 60_000);
  const m = d.getUTCMonth() - monthsBack;
  const month = ((m % 12) + 12) % 12;
  return `${m < 0 ? '去年' : '今年'}${month + 1}月`;
};

/** One request as a caller makes it and the agent records it: matter, place, employer, people, words, who takes it. */
export function drawRequest(rng: Rng, cast: Cast, kind: Kind, createdAt: Date, thresholds: RiskThresholds, memory: EmployerMemory): Request {
  const closed = kind === 'close_at_intake';
  const consultSubject = closed ? drawConsultSubject(rng) : null;
  const subject =
    kind === 'merge_target'
      ? 'wage_arrears'
      : kind === 'suggestion'
        ? rng.pick(suggestionSubjects)
        : consultSubject === 'general'
          ? rng.pick(['labor_contract', 'wage_arrears'])
          : (consultSubject ?? drawSubject(rng));
  const texts = subjectTexts[subject]!;
  const type: TypeCode = closed ? 'consult' : kind === 'merge_target' ? 'complaint' : kind === 'suggestion' ? 'suggestion' : weighted(texts.types)(rng);
  const channel = closed ? drawConsultChannel(rng) : kind === 'merge_target' ? 'phone' : drawChannel(rng);
  const pressing = urgentSubjects.includes(subject) && (type === 'complaint' || type === 'help');
  let priority: Priority = !pressing ? 'normal' : rng.chance(0.006) ? 'major' : rng.chance(0.035) ? 'urgent' : 'normal';
  const tier: Tier = type === 'consult' ? 'general' : drawTier(rng);

  const reuse = !closed && memory.recent.length > 0 && rng.chance(0.12) ? rng.pick(memory.recent) : null;
  const place = reuse?.place ?? cast.drawPlace(rng);
  let employerUnion: SeedUnit | null = null;
  let employer: Request['employer'] = null;
  let industry: IndustryKey = rng.pick(texts.industries);
  if (reuse && texts.employerShare >= 0.5 && (type === 'complaint' || type === 'help')) {
    industry = reuse.industry;
    employer = { name: reuse.name, key: normaliseEmployerName(reuse.name), address: null };
  } else if (!closed && type !== 'consult' && type !== 'suggestion' && rng.chance(texts.employerShare)) {
    const own = cast.enterpriseUnions.filter((e) => e.unit.path.startsWith(place.county.path));
    const pickOwn = own.length > 0 && type === 'complaint' && rng.chance(0.3) ? rng.pick(own) : null;
    if (pickOwn) {
      employerUnion = pickOwn.unit;
      industry = pickOwn.industry;
    }
    const name = pickOwn?.employer ?? employerName(rng, place.city, industry);
    const address = rng.chance(0.4) ? `${place.city}${place.countyName}${rng.pick(roads)}${rng.int(1, 399)}号` : null;
    employer = { name, key: normaliseEmployerName(name), address };
  }

  let workers = closed || type === 'consult' || type === 'suggestion' ? null : texts.workers(rng);
  if (priority === 'major' && subject === 'wage_arrears') workers = rng.int(12, 60);
  if (kind === 'merge_target') workers = rng.int(4, 15);
  const area = `${place.city}${place.countyName}${place.townName ?? ''}`;
  const months = rng.int(2, 10);
  const placeText = closed && rng.chance(0.6) ? null : `${area}${rng.pick(spots)}`;
  const vars: Record<string, string | number> = {
    place: area,
    county: place.countyName,
    city: place.city,
    job: rng.pick(industries[industry].jobs),
    project: `${place.countyName}${rng.pick(projects)}`,
    months,
    years: rng.int(1, 9),
    startMonth: localMonth(createdAt, months + rng.int(0, 1)),
    injury: rng.pick(injuries),
    hazard: rng.pick(hazards),
    reason: rng.pick(hardships),
    course: rng.pick(courses),
    age: rng.int(40, 55),
  };

  let narrative: string;
  let title: string | null = null;
  let answer: string | null = null;
  let danger = false;
  if (closed) {
    const qa = rng.pick(consultSubject === 'general' || !texts.consults.length ? sharedConsults : texts.consults);
    narrative = qa.q;
    answer = qa.a;
  } else if (type === 'consult') {
    narrative = rng.pick(texts.consults.length ? texts.consults : sharedConsults).q.replace('。', '，现场无法答复，需转办答复。');
  } else if (type === 'suggestion' && texts.suggestions?.length) {
    narrative = fill(rng.pick(texts.suggestions), vars);
  } else {
    // The story decides how many people are concerned: one person's story is about one worker.
    const isGroup = (t: string) => /\{(n|others)\}/.test(t);
    const names = (t: { text: string }) => /\{employer/.test(t.text);
    const sized = texts.stories.filter((t) => (workers ?? 1) > 1 === isGroup(t.text));
    const pool = sized.length ? sized : texts.stories;
    // An employer the caller named goes with a story that names it; a story about a private boss has none.
    const fitting = pool.filter((t) => names(t) === !!employer);
    const story = rng.pick(fitting.length ? fitting : pool);
    if (!names(story) && !employerUnion) employer = null;
    if (!isGroup(story.text) && workers !== null && workers > 1) workers = 1;
    if (isGroup(story.text) && (workers ?? 1) < 2) workers = rng.int(3, 12);
    danger = !!story.danger;
    // A story that names a sum has one, whatever the subject's usual amounts.
    const amount = texts.amount(rng, workers) ?? (/\{amount\}/.test(story.text + story.title) ? Math.round(rng.int(5_000, 60_000) / 100) * 100 : null);
    if (amount !== null) vars.amount = yuan(amount);
    vars.amountValue = amount ?? 0;
    if (workers !== null && workers > 1) Object.assign(vars, { n: workers, others: workers - 1 });
    // A story that names the employer gets one even when the draw gave none: the caller named it.
    if (!employer && /\{employer/.test(story.text + story.title)) {
      const name = employerName(rng, place.city, industry);
      employer = { name, key: normaliseEmployerName(name), address: null };
    }
    if (employer) Object.assign(vars, { employer: employer.name, employerShort: employerShortName(employer.name) });
    narrative = fill(story.text, vars);
    title = fill(story.title, vars);
  }
  if (employer && !reuse) {
    memory.recent.push({ name: employer.name, place, industry });
    if (memory.recent.length > 60) memory.recent.shift();
  }
  // Who speaks: a caller on the phone, a visitor at the desk, a writer online.
  const speaker =
    channel === 'walk_in' ? '来访人' : channel === 'letter' ? '来信人' : ['app', 'web', 'wechat', 'other'].includes(channel) ? '反映人' : '来电人';
  narrative = narrative.replaceAll('来电人', speaker);
  const amount = closed || type === 'consult' || type === 'suggestion' ? null : (vars.amountValue as number) || null;
  if (danger && priority === 'normal') priority = 'urgent';

  const earlier = employer ? recentCalls(memory, employer.key, createdAt, thresholds.repeatWindowDays) : 0;
  const suggested = suggestRiskFlags({ workersInvolved: workers, amountInvolved: amount, earlierRequestsAboutEmployer: earlier }, thresholds);
  const flags = new Set(suggested.filter(() => rng.chance(0.9)).map((s) => s.flag as string));
  if (danger) flags.add('danger');
  // Many workers or a large sum call for the emergency mechanism more often than not.
  if (priority === 'normal' && pressing && flags.has('mass') && flags.has('large') && rng.chance(0.25)) priority = 'major';
  else if (priority === 'normal' && pressing && (flags.has('mass') || flags.has('large')) && rng.chance(0.35)) priority = 'urgent';
  if (priority !== 'normal' && !flags.size) flags.add(rng.chance(0.6) ? 'hidden' : 'danger');
  if (subject === 'labor_safety' && rng.chance(0.3)) flags.add('danger');
  // As intake titles an order the agent gave none (orders/domain/auto-title.ts): never cut inside a word or a figure.
  title ??= autoTitle(narrative);

  const { intake, holder, desk } = whoTakesIt(rng, cast, channel);
  return {
    subject,
    type,
    channel,
    priority,
    tier,
    riskFlags: [...flags],
    suggested,
    confidential: type === 'complaint' ? rng.chance(0.05) : !closed && rng.chance(0.01),
    place,
    placeText,
    employer,
    employerUnion,
    workers,
    amount,
    title,
    narrative,
    answer,
    vars,
    texts,
    intake,
    holder,
    desk,
  };
}

/** Counts this request among the employer's and returns how many came before it in the window. */
function recentCalls(memory: EmployerMemory, key: string, at: Date, windowDays: number): number {
  const since = at.getTime() - windowDays * 86_400_000;
  const calls = (memory.calls.get(key) ?? []).filter((t) => t >= since);
  calls.push(at.getTime());
  memory.calls.set(key, calls);
  return calls.length - 1;
}

/** The hotline takes every request (a 12345 transfer through its integration account); its desk dispatches. */
function whoTakesIt(rng: Rng, cast: Cast, channel: Channel) {
  const desk = rng.pick(cast.dispatchers);
  if (channel === 'transfer_12345' && cast.integration) return { intake: cast.integration, holder: cast.centre, desk };
  return { intake: rng.pick(cast.agents), holder: cast.centre, desk };
}

/** A caller as intake records one. */
export function drawCaller(rng: Rng, province: string, place: Place, channel: Channel, at: Date, addedBy: string | null, newId: () => string) {
  return {
    id: newId(),
    name: callerName(rng, province),
    phone: channel === 'upper_platform' && rng.chance(0.2) ? null : mobilePhone(rng),
    idNumber: rng.chance(0.12) ? idNumber(rng, place.county.divisionCode!, at.getUTCFullYear()) : null,
    relation: rng.chance(0.9) ? 'self' : rng.pick(['relative', 'colleague', 'representative']),
    channel,
    calledAt: at,
    addedBy,
  };
}
