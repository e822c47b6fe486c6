import { emptyMapping, theirState, type FieldMapping } from './mapping.js';
import { mapOutbound } from './outbound.js';

/**
 * The national data link (全总数据联通): each day's orders and figures uploaded to the national platform, in the
 * format documented in docs/exchange-national.md. Pure: which days are due, what one order looks like on the wire,
 * how the day is cut into batches. The field names and value tables are data (`nationalMapping`), and a partner's
 * own mapping overrides them where the national format changes, without a code change.
 */
export const nationalFormat = 'ACFTU-12351-DAILY/1';
/**
 * Orders per batch: a failed upload resumes at the batch that failed, never re-sends the ones delivered. Also how many
 * orders the daily job holds at a time (one batch is read, sent to the outbox and let go before the next).
 */
export const uploadBatchSize = 200;
/** A day missed (the server was down) is caught up on the next run, at most this many days back. */
export const uploadCatchUpDays = 7;

/** One order as the upload knows it: no caller's name, phone or identity number ever leaves in the daily upload. */
export type UploadOrder = {
  number: string;
  externalId: string | null;
  createdAt: Date;
  channel: string;
  typeCode: string;
  subjectCode: string;
  priority: string;
  isGroup: boolean;
  workersInvolved: number | null;
  amountInvolved: number | null;
  divisionCode: string | null;
  employerName: string | null;
  employerCreditCode: string | null;
  state: string;
  closedAt: Date | null;
  satisfaction: string | null;
};

export type DayFigures = {
  received: number;
  receivedByChannel: Record<string, number>;
  receivedByType: Record<string, number>;
  closed: number;
  callbacks: number;
  satisfied: number;
  dissatisfied: number;
  openAtEnd: number;
};

/** Our names → the national format's (their dotted paths); values and state names translated by the tables below. */
export const nationalMapping: FieldMapping = {
  fields: {
    number: 'gdbh',
    externalId: 'sjgdbh',
    createdAt: 'slsj',
    channel: 'qdlx',
    typeCode: 'sqlx',
    subjectCode: 'sqxm',
    priority: 'jjcd',
    isGroup: 'sfqtx',
    workersInvolved: 'sjrs',
    amountInvolved: 'sjje',
    divisionCode: 'xzqhdm',
    employerName: 'dw.mc',
    employerCreditCode: 'dw.tyshxydm',
    closedAt: 'bjsj',
    satisfaction: 'myd',
  },
  values: {
    channel: {
      '01': 'phone',
      '02': 'app',
      '03': 'web',
      '04': 'wechat',
      '05': 'walk_in',
      '06': 'transfer_12345',
      '07': 'upper_platform',
      '08': 'letter',
      '99': 'other',
    },
    typeCode: { '1': 'consult', '2': 'help', '3': 'complaint', '4': 'suggestion' },
    priority: { '1': 'normal', '2': 'urgent', '3': 'major' },
    satisfaction: { '1': 'satisfied', '2': 'basically_satisfied', '3': 'dissatisfied' },
  },
  states: {
    pending_dispatch: '10',
    pending_sign: '20',
    returned: '21',
    handling: '30',
    replied: '40',
    pending_callback: '50',
    callback_dissatisfied: '51',
    archived: '90',
    closed_at_intake: '91',
    merged: '98',
    invalid: '99',
  },
  defaults: {},
};

/** The format's tables with the partner's own entries over them (an administrator follows a change of the format). */
export function effectiveMapping(partner: Partial<FieldMapping> | null | undefined): FieldMapping {
  const p = { ...emptyMapping, ...partner };
  const values: FieldMapping['values'] = { ...nationalMapping.values };
  for (const [k, table] of Object.entries(p.values)) values[k] = { ...values[k], ...table };
  return {
    fields: { ...nationalMapping.fields, ...p.fields },
    values,
    states: { ...nationalMapping.states, ...p.states },
    defaults: {},
  };
}

/** One order in the national format: mapped fields, times as ISO instants, the state as the national code (ztdm). */
export function nationalRecord(m: FieldMapping, o: UploadOrder): Record<string, unknown> {
  const { state, ...rest } = o;
  const ours: Record<string, unknown> = {
    ...rest,
    createdAt: o.createdAt.toISOString(),
    closedAt: o.closedAt ? o.closedAt.toISOString() : null,
  };
  return { ...mapOutbound(m, ours), ztdm: theirState(m, state) };
}

/** The days an upload is due for: from the day after the last one made up to yesterday, at most `uploadCatchUpDays`. */
export function dueDays(lastUploaded: string | null, yesterday: string, addDays: (d: string, n: number) => string): string[] {
  const earliest = addDays(yesterday, -(uploadCatchUpDays - 1));
  let day = lastUploaded && lastUploaded >= earliest ? addDays(lastUploaded, 1) : lastUploaded ? earliest : yesterday;
  const days: string[] = [];
  while (day <= yesterday) {
    days.push(day);
    day = addDays(day, 1);
  }
  return days;
}

/** How many batches carry `orders` orders. */
export const batchesOf = (orders: number, size: number = uploadBatchSize) => Math.ceil(orders / size);

/** What every message of one day's upload starts with; `batches` counts the order batches (the manifest is batch 0). */
export type UploadHead = { type: 'upload'; format: string; day: string; platformCode: string | null; batches: number };

export const uploadHead = (u: { day: string; platformCode: string | null; batches: number }): UploadHead => ({
  type: 'upload',
  format: nationalFormat,
  day: u.day,
  platformCode: u.platformCode,
  batches: u.batches,
});

/** Batch 0: the day's figures, and how many batches and orders follow. */
export const manifestPayload = (head: UploadHead, orders: number, figures: DayFigures): Record<string, unknown> => ({ ...head, batch: 0, orders, figures });

/** Batch n (from 1): its orders in the national format. */
export const batchPayload = (head: UploadHead, batch: number, records: Record<string, unknown>[]): Record<string, unknown> => ({
  ...head,
  batch,
  orders: records,
});

/**
 * The messages of one day's upload: batch 0 is the manifest (the day's figures, how many batches and orders follow),
 * batches 1…n carry the orders. Each is delivered on its own and acknowledged by (day, batch), so an upload that
 * failed half-way resumes with what is missing. The daily job builds the same messages a batch at a time, from a
 * cursor over the day's orders (national-upload.service.ts `streamDayUpload`); this is the whole day at once.
 */
export function uploadMessages(
  m: FieldMapping,
  u: { day: string; platformCode: string | null; orders: UploadOrder[]; figures: DayFigures },
  size: number = uploadBatchSize,
): { batch: number; payload: Record<string, unknown> }[] {
  const head = uploadHead({ day: u.day, platformCode: u.platformCode, batches: batchesOf(u.orders.length, size) });
  const messages = [{ batch: 0, payload: manifestPayload(head, u.orders.length, u.figures) }];
  for (let i = 0; i < u.orders.length; i += size) {
    const batch = i / size + 1;
    messages.push({
      batch,
      payload: batchPayload(
        head,
        batch,
        u.orders.slice(i, i + size).map((o) => nationalRecord(m, o)),
      ),
    });
  }
  return messages;
}

export type UploadState = 'sending' | 'done' | 'failed';

/** An upload is done when every batch is delivered; failed when a batch gave up (an administrator resumes it). */
export function uploadState(c: { total: number; delivered: number; failed: number }): UploadState {
  if (c.delivered === c.total) return 'done';
  return c.failed > 0 ? 'failed' : 'sending';
}
