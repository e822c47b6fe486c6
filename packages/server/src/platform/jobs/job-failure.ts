import { CalendarNotCoveredError } from '../../calendar/domain/working-time.js';
import { AppError } from '../errors/app-error.js';

/**
 * Why a job's attempt failed, as a kind stored beside its message (jobs.last_error_kind): the jobs page says the kind
 * in words, in the reader's language, and keeps the message — the detail an administrator acts on, or passes on to
 * whoever maintains the system. The message alone was whatever the error said: "fetch failed", a database driver's
 * "Failed query: select …" with its parameters, a rule's Chinese refusal.
 */
export const jobFailureKinds = [
  /** Another system (a partner platform, a webhook, the SMS gateway) could not be reached: network, timeout, address. */
  'unreachable',
  /** The other system answered, with an error or a refusal (HTTP 4xx/5xx, an answer that cannot be read). */
  'rejected',
  /** The other system is switched off or has no address to send to: its configuration. */
  'not_configured',
  /** The working calendar does not cover a day the job counts with: an administrator enters that year's holidays. */
  'calendar',
  /** A rule of the product refused the work (the data changed in between, a record is gone). */
  'refused',
  /** The database failed: a query's error, a deadlock, a lost connection. */
  'database',
  /** Anything else: an error in the program, for its maintainers. */
  'program',
] as const;
export type JobFailureKind = (typeof jobFailureKinds)[number];

/** An error that says which kind of failure it is (a delivery's: exchange DeliveryFailure, the outbound channels). */
export class JobFailure extends Error {
  constructor(
    readonly jobFailureKind: JobFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

type Thrown = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown; severity?: unknown; query?: unknown };

/** The error and its causes, outermost first (drizzle wraps the driver's error; undici wraps the system error). */
function chainOf(err: unknown): Thrown[] {
  const out: Thrown[] = [];
  for (let e = err; e && typeof e === 'object' && out.length < 10; e = (e as Thrown).cause) out.push(e as Thrown);
  return out;
}

/** Node's codes for a connection that could not be made or was lost, and its timeouts. */
const unreachableCodes = /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+|CERT_\w+)$/;

/** The kind of a failed attempt and the message stored with it. */
export function jobFailureOf(err: unknown): { kind: JobFailureKind; message: string } {
  const chain = chainOf(err);
  const text = (e: Thrown | undefined) => (typeof e?.message === 'string' ? e.message : String(err));
  if (err instanceof JobFailure) return { kind: err.jobFailureKind, message: err.message };
  if (err instanceof AppError) return { kind: 'refused', message: err.message };
  if (err instanceof CalendarNotCoveredError) return { kind: 'calendar', message: err.message };
  // A query's failure: the driver's own words and SQLSTATE, and the statement (its parameters are left out: they hold
  // what was being written, a caller's name or number among it).
  const query = chain.find((e) => typeof e.query === 'string');
  const driver = chain.find((e) => typeof e.severity === 'string' && typeof e.code === 'string');
  if (query || driver) {
    const cause = driver ?? chain[chain.length - 1];
    const sqlState = driver ? ` (SQLSTATE ${String(driver.code)})` : '';
    const statement = query ? `\n${String(query.query).slice(0, 500)}` : '';
    return { kind: 'database', message: `${text(cause)}${sqlState}${statement}` };
  }
  const code = chain.map((e) => e.code).find((c): c is string => typeof c === 'string');
  if ((code && unreachableCodes.test(code)) || chain.some((e) => e.name === 'TimeoutError')) {
    return { kind: 'unreachable', message: code && !text(chain[0]).includes(code) ? `${text(chain[0])}: ${code}` : text(chain[0]) };
  }
  const name = typeof chain[0]?.name === 'string' ? chain[0].name : '';
  // The error's own name says what went wrong in the program (TypeError, RangeError …).
  return { kind: 'program', message: name && name !== 'Error' ? `${name}: ${text(chain[0])}` : text(chain[0]) };
}
