import { describe, expect, it } from 'vitest';
import { watchFigures } from './live.js';

/** A stand-in for the browser's EventSource: the test plays the server's frames and the connection's fate. */
class FakeSource {
  readyState = 1;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  private handlers = new Map<string, (() => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, h: () => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), h]);
  }
  close() {
    this.closed = true;
  }
  send(type: string) {
    for (const h of this.handlers.get(type) ?? []) h();
  }
}

function watch(withCalls: boolean) {
  const log: string[] = [];
  const sources: FakeSource[] = [];
  const stop = watchFigures(
    'u1',
    { onChange: () => log.push('all'), ...(withCalls ? { onCalls: () => log.push('calls') } : {}), onStatus: (l) => log.push(l ? 'up' : 'down') },
    (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s as unknown as EventSource;
    },
  );
  return { log, sources, stop };
}

describe('watchFigures', () => {
  it('re-reads the call figures on `calls` and everything on `changed`', () => {
    const { log, sources, stop } = watch(true);
    expect(sources[0]!.url).toContain('unitId=u1');
    sources[0]!.send('ready');
    sources[0]!.send('calls');
    sources[0]!.send('changed');
    expect(log).toEqual(['up', 'calls', 'all']);
    stop();
    expect(sources[0]!.closed).toBe(true);
  });

  it('without a calls handler, `calls` re-reads everything', () => {
    const { log, sources } = watch(false);
    sources[0]!.send('calls');
    expect(log).toEqual(['all']);
  });

  it('after a dropped connection, the stream coming back re-reads everything once (announcements were lost meanwhile)', () => {
    const { log, sources } = watch(true);
    sources[0]!.send('ready');
    sources[0]!.onerror?.(new Event('error')); // dropped: EventSource reconnects by itself (readyState CONNECTING)
    sources[0]!.send('ready');
    sources[0]!.send('ready'); // a later ready without a drop in between reads nothing more
    expect(log).toEqual(['up', 'down', 'up', 'all', 'up']);
  });
});
