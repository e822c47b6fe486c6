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
  onError?: (err: unknown) => void;
};

/**
 * The bus across instances on one PostgreSQL: NOTIFY to publish, one dedicated client per instance for LISTEN
 * (a pooled connection would be handed to other queries and lose the LISTEN). A message carries the id of the
 * instance that sent it: this instance already delivered its own messages synchronously and skips the echo.
 * When the LISTEN client drops it reconnects with back-off and raises `bus.resynced` locally, because anything
 * announced while it was away is lost.
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
    const envelope = parsed as { from?: string; message?: unknown };
    if (envelope.from === instanceId) return;
    const message = busMessageSchema.safeParse(envelope.message);
    if (!message.success) return onError(message.error);
    fanout.deliver(message.data);
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
    notification: (message) => ({ channel: busChannel, payload: JSON.stringify({ from: instanceId, message }) }),
    deliverLocally: (message) => fanout.deliver(message),
    subscribe: fanout.subscribe,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
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
