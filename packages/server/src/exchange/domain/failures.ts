import { JobFailure, type JobFailureKind } from '../../platform/jobs/job-failure.js';

/**
 * Why a message to a partner (or our request for its reconciliation statement) did not go through, as a kind stored
 * with the error (exchange_messages.last_error_kind, a report's statementErrorKind): the pages say the kind in words
 * (web admin/exchange/failure-words.ts), in Chinese or English, and keep the detail (`detail`, the stored
 * last_error: the system's code, the HTTP status and the start of the partner's answer) for the administrator.
 * Words cannot be made from the detail: Node says "fetch failed" for every refused, unresolved or reset connection,
 * the reason being its cause's code.
 */
export const failureKinds = [
  /** The partner's address answered that nothing listens there (ECONNREFUSED): its service is down or moved. */
  'refused',
  /** No answer in time (our own timeout, ETIMEDOUT, undici's connect/headers/body timeouts). */
  'timeout',
  /** The partner's host name does not resolve (ENOTFOUND, EAI_AGAIN). */
  'unknown_host',
  /** The network failed between us (reset, unreachable host or network, a closed socket, no code at all). */
  'network',
  /** The partner's TLS certificate was not accepted. */
  'certificate',
  /** The partner answered 4xx: it refused the message (signature, format, its account). */
  'rejected',
  /** The partner answered 5xx or another non-2xx: its own system failed. */
  'partner_error',
  /** The partner answered 2xx with something we cannot read (the reconciliation statement). */
  'unreadable',
  /** The partner is switched off or has no endpoint: nothing is sent to it. */
  'not_sending',
  /** This message waits for an earlier one of the same order (which failed; its own kind says why). */
  'behind_earlier',
  /** Anything else (an endpoint that is no URL, an error of ours). */
  'other',
] as const;
export type FailureKind = (typeof failureKinds)[number];
export type Failure = { kind: FailureKind; detail: string };

const byCode: Record<string, FailureKind> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ENOTFOUND: 'unknown_host',
  EAI_AGAIN: 'unknown_host',
  ECONNRESET: 'network',
  ECONNABORTED: 'network',
  EHOSTUNREACH: 'network',
  ENETUNREACH: 'network',
  EHOSTDOWN: 'network',
  ENETDOWN: 'network',
  EPIPE: 'network',
  UND_ERR_SOCKET: 'network',
  UND_ERR_CLOSED: 'network',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate',
};

/** The kind of a system error code; a certificate's codes are many (CERT_HAS_EXPIRED, CERT_NOT_YET_VALID, …). */
export function kindOfCode(code: string): FailureKind {
  return byCode[code] ?? (code.startsWith('CERT_') ? 'certificate' : 'other');
}

type Thrown = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
const codeOf = (e: Thrown | undefined): string | undefined => {
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.code === 'string') return e.code;
  // Several addresses tried (localhost as ::1 and 127.0.0.1): an AggregateError whose parts have the codes.
  if (Array.isArray(e.errors)) return codeOf(e.errors[0] as Thrown);
  return undefined;
};

/**
 * What a fetch that threw means: a timeout of ours (AbortSignal.timeout: a TimeoutError), or a connection that
 * failed (undici's TypeError "fetch failed", the system error as its cause). The detail is what it has always been
 * stored as (`无法连接对方：ECONNREFUSED`, `对方 10 秒未应答（超时）`).
 */
export function failureOfThrown(err: unknown, timeoutMs: number): Failure {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as Thrown;
  if (e.name === 'TimeoutError') return { kind: 'timeout', detail: `对方 ${timeoutMs / 1000} 秒未应答（超时）` };
  const cause = e.cause as Thrown | undefined;
  const code = codeOf(cause) ?? codeOf(e);
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (code) return { kind: kindOfCode(code), detail: `无法连接对方：${code}` };
  // "fetch failed" with no code: the connection failed in a way Node did not name; its cause says how ("bad port").
  if (message === 'fetch failed')
    return { kind: 'network', detail: `无法连接对方：${typeof cause?.message === 'string' && cause.message ? cause.message : message}` };
  return { kind: 'other', detail: message };
}

/** A partner's answer that was not 2xx: a 4xx refused the message, anything else is its own failure. */
export function failureOfStatus(status: number, body = ''): Failure {
  const text = body.slice(0, 200);
  return { kind: status >= 400 && status < 500 ? 'rejected' : 'partner_error', detail: `对方应答 HTTP ${status}${text ? `：${text}` : ''}` };
}

/** A later message of an order held back by an earlier one that failed (outbound.ts): the earlier one's detail after its number. */
export const behindEarlier = (earlierId: number, earlier: Failure): Failure => ({
  kind: 'behind_earlier',
  detail: `等待本工单前序消息 #${earlierId} 送达：${earlier.detail}`,
});

export const notSending: Failure = { kind: 'not_sending', detail: '对接平台已停用或未配置接收地址' };

/**
 * The jobs page's kind of each failure (platform/jobs/job-failure.ts): whether the partner could not be reached,
 * answered with an error, or is not set up to receive. A message behind an earlier one is never thrown itself (its job
 * throws the earlier one's failure).
 */
const jobFailureKindOf: Record<FailureKind, JobFailureKind> = {
  refused: 'unreachable',
  timeout: 'unreachable',
  unknown_host: 'unreachable',
  network: 'unreachable',
  certificate: 'unreachable',
  rejected: 'rejected',
  partner_error: 'rejected',
  unreadable: 'rejected',
  not_sending: 'not_configured',
  behind_earlier: 'unreachable',
  other: 'program',
};

/** An Error that carries its failure, so the job's own last error (the jobs page) keeps its kind and its detail. */
export class DeliveryFailure extends JobFailure {
  constructor(readonly failure: Failure) {
    super(jobFailureKindOf[failure.kind], failure.detail);
    this.name = 'DeliveryFailure';
  }
}

/** The failure an error thrown while sending stands for: ours as it is, anything else read as a fetch error. */
export const failureOf = (err: unknown, timeoutMs: number): Failure => (err instanceof DeliveryFailure ? err.failure : failureOfThrown(err, timeoutMs));
