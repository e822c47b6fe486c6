import { describe, expect, it } from 'vitest';
import { steps } from '../../catalog/domain/catalog.js';
import { signalActions, signalNote } from './notices.js';
import { signalNames } from './timers.js';

/**
 * The web says a timer's note again in English from the event's data (web orders/event-summary.ts eventNote), and to
 * know the note as the server's it keeps a copy of the signals' names (signalNotes) and reads the note's shape
 * (signalNote). A name or a shape changed here and not there leaves that note in Chinese on the English page, without
 * any error: these cases hold the two copies together.
 */
type WebEvent = { action: string; data: Record<string, unknown>; note: string | null };
type WebT = (text: string, vars?: Record<string, string | number>) => string;
type WebEventSummary = { signalNotes: Record<string, string>; eventNote: (e: WebEvent, t: WebT, lang: 'zh' | 'en') => string | null };

const web = async () => {
  const file = new URL('../../../../web/src/orders/event-summary.ts', import.meta.url).href;
  return (await import(file)) as WebEventSummary;
};
const webEnglish = async () => {
  const file = new URL('../../../../web/src/i18n/en.ts', import.meta.url).href;
  return ((await import(file)) as { en: Record<string, string> }).en;
};

/** The signals the scan records on an order's timeline (supervision.scan.ts: `data.signal`); the manual urge is an action of its own. */
const recorded = Object.keys(signalActions) as (keyof typeof signalActions)[];

describe("the web's copy of the timers' notes (packages/web/src/orders/event-summary.ts signalNotes)", () => {
  it('names every recorded signal as the server does, and nothing else', async () => {
    expect(recorded.length).toBeGreaterThan(5);
    expect((await web()).signalNotes).toEqual(Object.fromEntries(recorded.map((k) => [k, signalNames[k]])));
  });

  it('reads every note the scan writes (each signal, each step, with and without a deadline) as a timer’s, in English words', async () => {
    const { eventNote } = await web();
    const en = await webEnglish();
    const said: string[] = [];
    // Keeps what the web asks to translate, so the note's words can be looked up in the English table.
    const t: WebT = (text) => {
      said.push(text);
      return `‹${text}›`;
    };
    const dueAt = new Date('2026-12-04T06:28:00.000Z');
    for (const kind of recorded)
      for (const step of [null, ...steps])
        for (const due of [null, dueAt]) {
          const note = signalNote({ kind, step, dueAt: due });
          const event = { action: signalActions[kind], data: { signal: kind, deadlineStep: step, dueAt: due?.toISOString() ?? null }, note };
          said.length = 0;
          const english = eventNote(event, t, 'en');
          // A note the web does not recognise is shown as written, in Chinese.
          expect(english, note).not.toBe(note);
          expect(said, note).toContain(signalNames[kind]);
          expect(
            said.filter((w) => !(w in en)),
            note,
          ).toEqual([]);
        }
  });
});
