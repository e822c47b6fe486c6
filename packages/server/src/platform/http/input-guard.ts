import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { invalid, type FieldError } from '../errors/app-error.js';
import { english, prefersEnglish } from '../i18n/english.js';
import { hasLoneSurrogate } from '../validation/text.js';
import { invalidInputMessage } from './error-handler.js';

/**
 * Text PostgreSQL cannot hold: U+0000, and a lone UTF-16 surrogate (JSON's "\ud800" escape parses to one; a json
 * column refused it with a 500, a text column stored it as U+FFFD, so the text read back was not the text sent). A
 * request carrying either anywhere (a value or a key) is refused here, naming the field, before any query.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const fields: FieldError[] = [];
    const check = (s: string, path: string): void => {
      if (s.includes('\u0000')) fields.push({ field: path, message: '不能包含空字符（U+0000）' });
      if (hasLoneSurrogate(s)) fields.push({ field: path, message: '不能包含无效字符（不成对的 UTF-16 代理项）' });
    };
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string') check(v, path);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          check(k, `${path}.${k}`);
          walk(x, `${path}.${k}`);
        }
    };
    walk(req.params, 'params');
    walk(req.query, 'querystring');
    walk(req.body, 'body');
    // The summary in the reader's language; the field messages are put in English by the error handler.
    if (fields.length) throw invalid('VALIDATION_FAILED', invalidInputMessage(fields, prefersEnglish(req.headers['accept-language'])), fields);
  });
}

/** Paths the router cannot decode (bad percent-encoding, an over-long segment) get the same error body as every other 4xx. */
export function frameworkErrors(err: { code?: string; statusCode?: number }, req: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const message = tooLong ? '请求地址中的参数过长' : '请求地址格式不正确';
  reply.code(err.statusCode ?? 400).send({
    code: tooLong ? 'URL_TOO_LONG' : 'BAD_URL',
    message: prefersEnglish(req.headers['accept-language']) ? english(message) : message,
    requestId: req.id,
  });
}

/** Node's HTTP parser failures, before any request exists, by the parser's error code. */
const clientFailures: Record<string, { status: number; code: string; message: string }> = {
  // Node's limit on the request line and headers together (16 KB): in practice a very long query string.
  HPE_HEADER_OVERFLOW: { status: 431, code: 'REQUEST_TOO_LONG', message: '请求地址或请求头过长，请缩短查询条件' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: '请求超时，请重试' },
};

/**
 * Fastify's clientErrorHandler: a request Node could not parse gets the same body as every other 4xx instead of
 * fastify's `{"error":"Bad Request","message":"Client Error"}`. The headers were not read, so the message is Chinese
 * only; the request id is logged so that a person quoting it can be found.
 */
export function clientErrors(this: FastifyInstance, err: Error & { code?: string }, socket: Socket): void {
  // A connection reset or an already closed socket has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (err.code && clientFailures[err.code]) || { status: 400, code: 'BAD_REQUEST', message: '请求格式不正确' };
  const requestId = randomUUID();
  this.log.info({ err, requestId, code: known.code }, 'request not parsed');
  if (!socket.writable) return void socket.destroy(err);
  const body = JSON.stringify({ code: known.code, message: known.message, requestId });
  socket.end(
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
