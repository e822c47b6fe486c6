import { orderLabel, type Notice } from '../../notifications/domain/notice.js';
import { askedOf, noticesFor, type OrderPlace } from './notices.js';
import type { Signal, SignalKind } from './timers.js';

/**
 * A wave: many workers of one employer calling in together (a wage-arrears group, a site's migrant workers). From
 * the third request about an employer each is flagged 多 (repeat) at intake and is an emergency order, so one
 * supervision pass can find dozens or thousands of them at one unit, all at the same step, reaching their deadlines
 * together. Told one notice per order and signal, the leaders, supervisors, dispatchers and the emergency members got
 * a notification and an SMS for every order of the wave (300 such orders: 2,189 notifications, 1,886 SMS; the bench's
 * one-employer intake: some 117,000 notices for 20,000 orders). What they need is to hear once that the wave is
 * there, how large it is and which orders it is. Each order's signal and its timeline event stay its own.
 */

/**
 * This many signals or more of one kind and step, about one employer's orders waiting for one unit (the one their
 * notices ask to act, notices.ts `askedOf`: the holder, or the desk a returned order waits for), in one pass, are one notice.
 */
export const waveSize = 3;

/**
 * The signals told together: those that go to the unit's people and the levels above. Not the callbacks (each is a
 * call to one worker, on the intake agents' list) nor a request for a leader's instruction (each order is instructed).
 */
export const waveKinds: ReadonlySet<SignalKind> = new Set(['emergency', 'near_due', 'overdue', 'escalated', 'progress_missing']);

/** Numbers quoted in a wave's body; its data carries up to `waveListed` (the count says how many in all). */
const quoted = 20;
export const waveListed = 100;

type Item = { s: Signal; employerKey: string | null; place: OrderPlace };

const byNumber = (a: Item, b: Item) => (a.place.number < b.place.number ? -1 : a.place.number > b.place.number ? 1 : 0);

/**
 * The pass's signals of one kind and step about one employer's orders waiting for one unit, `waveSize` or more of
 * them, as waves (each in number order); every other signal stays alone. Orders with no employer never form a wave.
 * By the unit asked, not the holder: the wave is told as its first order's signal would be, so all its orders must
 * send their notices to the same people (returned by two counties to one desk, they are that desk's one wave).
 */
export function splitWaves<T extends Item>(items: readonly T[], min = waveSize): { alone: T[]; waves: T[][] } {
  const groups = new Map<string, T[]>();
  const alone: T[] = [];
  for (const it of items) {
    if (!waveKinds.has(it.s.kind) || !it.employerKey) {
      alone.push(it);
      continue;
    }
    const k = [it.s.kind, it.s.step ?? '', it.employerKey, askedOf(it.s.kind, it.place).unitId].join('\u0000');
    const g = groups.get(k);
    if (g) g.push(it);
    else groups.set(k, [it]);
  }
  const waves: T[][] = [];
  for (const g of groups.values()) {
    if (g.length >= min) waves.push(g.sort(byNumber));
    else alone.push(...g);
  }
  return { alone, waves };
}

/**
 * A wave's notices: those its first order's signal would have (the same kinds, so the same people, the same SMS rule
 * and the same phone task), naming the first order by number and subject and how many more there are (never a title
 * or the employer's name: a title is also the SMS), at the earliest deadline among them; the body lists the
 * numbers, the data the ids and their own deadlines. Keys derive from the smallest signal key of the wave: each
 * signal is written once, so each wave's notices are produced once.
 */
export function waveNotices(wave: readonly Item[]): Notice[] {
  if (!wave.length) throw new Error('waveNotices: an empty wave');
  const first = wave[0]!;
  const n = wave.length;
  const dues = wave.map((w) => w.s.dueAt?.getTime()).filter((t): t is number => t !== undefined);
  const signal = { ...first.s, dueAt: dues.length ? new Date(Math.min(...dues)) : first.s.dueAt };
  const smallest = wave.map((w) => w.s.key).sort()[0]!;
  const label = `${orderLabel(first.place.number, first.place.subjectName)}等 ${n} 张（同一用人单位）`;
  const numbers = wave.map((w) => w.place.number);
  const listed = wave.slice(0, waveListed);
  const subjects = new Set(wave.map((w) => w.place.subjectName)).size;
  const list =
    `同一用人单位的 ${n} 张工单，同一承办单位${subjects > 1 ? `，涉及 ${subjects} 个事项` : ''}：` +
    `${numbers.slice(0, quoted).join('、')}${n > quoted ? ` 等 ${n} 张` : ''}。`;
  return noticesFor(signal, first.place, label).map((notice) => ({
    ...notice,
    key: `${notice.key!.replace(first.s.key, smallest)}:wave`,
    body: `${notice.body ?? ''}${list}`,
    data: {
      ...notice.data,
      count: n,
      numbers: numbers.slice(0, waveListed),
      orderIds: listed.map((w) => w.place.id),
      // Each order's own deadline (the notice's `dueAt` is the earliest): the phone task lists them order by order.
      dueAts: listed.map((w) => w.s.dueAt?.toISOString() ?? null),
    },
  }));
}
