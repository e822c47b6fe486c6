import type { BusMessage, BusTopic, MessageOf } from './messages.js';

export type Unsubscribe = () => void;

/**
 * Publish/subscribe of small typed messages. Delivery to this process's subscribers is immediate and synchronous
 * (a cache is invalidated before `publish` returns, so the next read here is fresh); other instances on the same
 * PostgreSQL receive the message through LISTEN/NOTIFY a moment later. No message is stored: a subscriber that must
 * not miss anything reads the state from the database (and drops caches on `bus.resynced`).
 */
export type ChangeBus = {
  publish(message: BusMessage): Promise<void>;
  /**
   * For a change that has just committed (call it after the commit, never inside the transaction): this process's
   * subscribers hear it at once; other instances a moment later, in one NOTIFY per short window for every change this
   * process committed in it (docs/decisions/0011-announcements-after-commit.md: a NOTIFY inside the order's
   * transaction took PostgreSQL's global notify lock at every commit and serialised all order changes under load).
   * Best effort like `publish`: a process that dies in the window loses those announcements; subscribers that must
   * not miss a change also poll the database (the cockpit does every 2 s).
   */
  committed(message: BusMessage): void;
  subscribe<T extends BusTopic>(topic: T, handler: (message: MessageOf<T>) => void): Unsubscribe;
  close(): Promise<void>;
};

type Handler = (message: BusMessage) => void;

/** The subscriber list both implementations share; a failing subscriber is reported, never breaks the publisher. */
export function createLocalFanout(onError: (err: unknown, message: BusMessage) => void = () => {}) {
  const handlers = new Map<BusTopic, Set<Handler>>();
  return {
    deliver(message: BusMessage): void {
      for (const h of handlers.get(message.topic) ?? []) {
        try {
          h(message);
        } catch (err) {
          onError(err, message);
        }
      }
    },
    subscribe<T extends BusTopic>(topic: T, handler: (message: MessageOf<T>) => void): Unsubscribe {
      const set = handlers.get(topic) ?? new Set<Handler>();
      handlers.set(topic, set);
      const h = handler as Handler;
      set.add(h);
      return () => void set.delete(h);
    },
    clear: () => handlers.clear(),
  };
}

/** One process (PGlite, tests, a single server): the subscribers of this process are everyone. */
export function createInProcessBus(): ChangeBus {
  const fanout = createLocalFanout();
  return {
    publish: async (message) => fanout.deliver(message),
    committed: (message) => fanout.deliver(message),
    subscribe: fanout.subscribe,
    close: async () => fanout.clear(),
  };
}
