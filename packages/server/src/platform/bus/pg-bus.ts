import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createLocalFanout, type ChangeBus } from './bus.js';
import { busMessageSchema, type BusMessage } from './messages.js';

/** The one NOTIFY channel every instance listens on. */
export const busChannel = 'hotline_bus';

export type PgBusOptions = {
  connectionString: string;
  /** Sends NOTIFY on the pool the app already has (no extra connection for publishing). */
  notify(channel: string, payload: string): Promise<void>;
  /** First wait before reconnecting the LISTEN client; doubles up to 30 s. */
  retryMs?: number;
  /** How long committed changes are gathered before one NOTIFY tells the other instances of all of them (250 ms). */
  coalesceMs?: number;
  onError?: (err: unknown) => void;
};

/**
 * The bus across instances on one PostgreSQL: NOTIFY to publish, one dedicated client per instance for LISTEN
 * (a pooled connection would be handed to other queries and lose the LISTEN). A message carries the id of the
 * instance that sent it: this instance already delivered its own messages synchronously and skips the echo.
 * When the LISTEN client drops it reconnects with back-off and raises `bus.resynced` locally, because anything
 * announced while it was away is lost.
 * Committed changes (`committed`) are gathered for `coalesceMs` and sent together, outside any transaction, on the
 * LISTEN client's own connection: no order transaction sends a NOTIFY, so none waits for PostgreSQL's notify lock
 * at its commit, and the pool's connections are not used for it (docs/decisions/0011-announcements-after-commit.md).
 */
export async function createPgBus(opts: PgBusOptions): Promise<ChangeBus & { instanceId: string; listening(): boolean }> {
  const instanceId = randomUUID();
  const onError = opts.onError ?? (() => {});
  const fanout = createLocalFanout((err) => onError(err));
  const baseRetry = opts.retryMs ?? 500;
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let retry = baseRetry;

  function receive(payload: string | undefined): void {
    if (!payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch (err) {
      return onError(err);
    }
    const envelope = parsed as { from?: string; message?: unknown; messages?: unknown };
    if (envelope.from === instanceId) return;
    const messages = Array.isArray(envelope.messages) ? envelope.messages : [envelope.message];
    for (const m of messages) {
      const message = busMessageSchema.safeParse(m);
      if (!message.success) onError(message.error);
      else fanout.deliver(message.data);
    }
  }

  // ---- committed changes, coalesced ----
  const coalesceMs = opts.coalesceMs ?? 250;
  /**
   * What waits for the next NOTIFY; an order changed twice in one window is announced once, as its last change, and
   * calls recorded in one window once.
   */
  const pending = new Map<string, BusMessage>();
  let pendingSeq = 0;
  let flushTimer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  function queue(message: BusMessage): void {
    const key = message.topic === 'order.changed' ? `order:${message.orderId}` : message.topic === 'calls.changed' ? 'calls' : `#${pendingSeq++}`;
    pending.delete(key);
    pending.set(key, message);
    if (flushTimer || closed) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      void flush();
    }, coalesceMs);
    flushTimer.unref();
  }

  function flush(): Promise<void> {
    const batch = [...pending.values()];
    pending.clear();
    if (!batch.length) return flushing;
    // Sent one after another, so other instances hear them in the order they were committed here.
    flushing = flushing.then(async () => {
      for (const payload of packed(instanceId, batch)) {
        try {
          const c = client;
          if (c) await c.query('select pg_notify($1, $2)', [busChannel, payload]);
          else await opts.notify(busChannel, payload);
        } catch (err) {
          onError(err);
        }
      }
    });
    return flushing;
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: opts.connectionString });
    c.on('notification', (n) => receive(n.payload));
    const lost = (err?: unknown) => {
      if (err) onError(err);
      if (client !== c) return;
      client = null;
      c.removeAllListeners('end');
      c.end().catch(() => {});
      scheduleReconnect();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    await c.query(`listen ${busChannel}`);
    client = c;
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(async () => {
      retryTimer = null;
      try {
        await connect();
        retry = baseRetry;
        fanout.deliver({ topic: 'bus.resynced' });
      } catch (err) {
        onError(err);
        retry = Math.min(retry * 2, 30_000);
        scheduleReconnect();
      }
    }, retry);
    retryTimer.unref();
  }

  await connect();

  return {
    instanceId,
    listening: () => client !== null,
    async publish(message: BusMessage) {
      fanout.deliver(message);
      try {
        await opts.notify(busChannel, JSON.stringify({ from: instanceId, message }));
      } catch (err) {
        // The change itself is committed; other instances' caches expire by themselves (see reference cache), and
        // announcements are best effort by design.
        onError(err);
      }
    },
    committed(message: BusMessage) {
      fanout.deliver(message);
      queue(message);
    },
    subscribe: fanout.subscribe,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      await flush();
      fanout.clear();
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => {});
      }
    },
  };
}

/** A NOTIFY payload must stay under 8,000 bytes: the messages of one window in as few envelopes as fit. */
const payloadBudget = 7_000;

export function packed(from: string, messages: BusMessage[]): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 0;
  const head = JSON.stringify({ from, messages: [] }).length;
  for (const m of messages) {
    const json = JSON.stringify(m);
    const bytes = Buffer.byteLength(json) + 1;
    if (part.length && head + size + bytes > payloadBudget) {
      out.push(`{"from":${JSON.stringify(from)},"messages":[${part.join(',')}]}`);
      part = [];
      size = 0;
    }
    part.push(json);
    size += bytes;
  }
  if (part.length) out.push(`{"from":${JSON.stringify(from)},"messages":[${part.join(',')}]}`);
  return out;
}
