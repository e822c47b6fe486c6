import type { TestApp } from './test-app.js';

export type SseFrame = { event: string; data: Record<string, unknown> };

/**
 * Opens a server-sent event stream over real HTTP as `username` (a session of its own) and collects its named frames;
 * `until(event)` resolves with the first frame of that kind from `since` frames in, never by waiting a set time. The
 * one reader of every stream the tests open (the cockpit's, the wallboard's, the person's notifications).
 */
export async function openSse(t: TestApp, username: string, url: string) {
  const session = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo12351' } });
  const c = session.cookies.find((x) => x.name === 'hotline_session')!;
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`);
  const controller = new AbortController();
  const res = await fetch(`${address}${url}`, { headers: { accept: 'text/event-stream', cookie: `${c.name}=${c.value}` }, signal: controller.signal });
  if (res.status !== 200) throw new Error(`stream ${url}: ${res.status}`);
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.getReader();
  void (async () => {
    let buffer = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = frame.split('\n').find((l) => l.startsWith('event: '));
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (event && data) frames.push({ event: event.slice(7), data: JSON.parse(data.slice(6)) });
        for (const w of [...waiters]) w();
      }
    }
  })();
  const until = (event: string, since = 0) =>
    new Promise<SseFrame>((resolve) => {
      const check = () => {
        const f = frames.slice(since).find((x) => x.event === event);
        if (!f) return;
        waiters.delete(check);
        resolve(f);
      };
      waiters.add(check);
      check();
    });
  return { frames, until, headers: res.headers, close: () => controller.abort() };
}
