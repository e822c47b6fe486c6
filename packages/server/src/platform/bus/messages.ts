import { z } from 'zod';

/**
 * What travels on the change bus: small announcements, never the data itself (a NOTIFY payload is at most 8000 bytes,
 * and a subscriber that needs the order reads it through the access rule). Each topic has a schema: a message from
 * another instance is parsed before anyone sees it, so a subscriber can trust the shape.
 */
export const referenceKinds = ['units', 'catalog', 'rules', 'thresholds', 'calendar', 'users', 'synonyms', 'partners'] as const;
export type ReferenceKind = (typeof referenceKinds)[number];

export const busMessageSchema = z.discriminatedUnion('topic', [
  /** An order changed and the change is committed: SSE streams (notifications, cockpit) re-read what they show. */
  z.object({
    topic: z.literal('order.changed'),
    orderId: z.string(),
    number: z.string(),
    version: z.number().int(),
    action: z.string(),
    fromState: z.string().nullable(),
    toState: z.string(),
    /** The units that may see the order (visible_to): a stream forwards the announcement only to people within them. */
    visibleTo: z.array(z.string()),
    at: z.string(),
  }),
  /** Reference data was written: every instance drops its cached copy of that kind. */
  z.object({ topic: z.literal('reference.changed'), kind: z.enum(referenceKinds) }),
  /**
   * New in-app notifications for these people (written and committed): their open streams send the new unread count.
   * `all` instead of ids when the list would not fit a NOTIFY payload: every stream re-reads its count.
   */
  z.object({ topic: z.literal('notifications.changed'), userIds: z.array(z.string()), all: z.boolean().optional() }),
  /**
   * A call was answered by an agent (its events committed): that agent's open streams pop the call on the screen.
   * `agent` is what the telephony system named: the user name (or extension) the agent logs in with.
   */
  z.object({ topic: z.literal('call.answered'), callId: z.string(), agent: z.string() }),
  /** Call events were recorded (committed): the live call figures (cockpit, big screen) re-read. One per window. */
  z.object({ topic: z.literal('calls.changed'), at: z.string() }),
  /**
   * Sessions must be read from the database again (committed): revoked (logout, expiry, a reset or changed password,
   * deactivation) or resolving to another actor (role switch, roles or the person changed). Every instance drops its
   * cached copies (auth/session-cache.ts): those of `sessionIds`, of every session of `userIds`, or all of them.
   */
  z.object({
    topic: z.literal('sessions.changed'),
    sessionIds: z.array(z.string()).optional(),
    userIds: z.array(z.string()).optional(),
    all: z.boolean().optional(),
  }),
  /**
   * The LISTEN connection was lost and is back: announcements may have been missed meanwhile, so whoever caches
   * must drop everything. Raised locally by the bus itself, never sent.
   */
  z.object({ topic: z.literal('bus.resynced') }),
]);

export type BusMessage = z.infer<typeof busMessageSchema>;
export type BusTopic = BusMessage['topic'];
export type MessageOf<T extends BusTopic> = Extract<BusMessage, { topic: T }>;
