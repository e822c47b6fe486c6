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
   * For a message that must go out exactly when a transaction commits: the NOTIFY to send inside that transaction
   * (PostgreSQL delivers it at commit, and never if the transaction rolls back), or null when there are no other
   * instances. After the commit the sender calls `deliverLocally`: this process's subscribers hear it then.
   */
  notification(message: BusMessage): { channel: string; payload: string } | null;
  deliverLocally(message: BusMessage): void;
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
    notification: () => null,
    deliverLocally: (message) => fanout.deliver(message),
    subscribe: fanout.subscribe,
    close: async () => fanout.clear(),
  };
}
