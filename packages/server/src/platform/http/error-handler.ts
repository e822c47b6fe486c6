import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { CalendarNotCoveredError } from '../../calendar/domain/working-time.js';
import { AppError, httpStatusOf, type FieldError } from '../errors/app-error.js';
import { english, prefersEnglish } from '../i18n/english.js';

type ErrorBody = { code: string; message: string; requestId: string; details?: Record<string, unknown> };

/** Fastify's own 4xx failures, turned into our stable codes and Chinese messages. */
const fastifyCodes: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: '请求体为空，但声明为 JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: '请求长度与内容不符' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const en = prefersEnglish(request.headers['accept-language']);
    // An English interface gets English messages (field messages too); the code stays the same in every language.
    // A message composed where it was thrown may bring its own English (AppError `english`); else the table says it.
    const send = (status: number, body: Omit<ErrorBody, 'requestId'>, ownEnglish?: string) => {
      const out = en ? { ...body, message: ownEnglish ?? english(body.message), ...(body.details ? { details: englishDetails(body.details) } : {}) } : body;
      return reply.code(status).send({ ...out, requestId: request.id } satisfies ErrorBody);
    };

    if (err instanceof AppError) {
      return send(httpStatusOf[err.kind], { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }, err.english);
    }
    // A deadline that reaches past the calendar's data is never guessed: the person is told to maintain the calendar.
    if (err instanceof CalendarNotCoveredError) {
      return send(422, { code: 'CALENDAR_NOT_COVERED', message: err.message, details: { date: err.date, lastDay: err.lastDay } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => ({
        field: fieldName(err.validationContext ?? 'body', v.instancePath, v.params),
        message: en ? english(v.message ?? '格式不正确') : (v.message ?? '格式不正确'),
      }));
      const message = invalidInputMessage(fields, en);
      return reply.code(400).send({ code: 'VALIDATION_FAILED', message, details: { fields }, requestId: request.id } satisfies ErrorBody);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return send(500, { code: 'INTERNAL_ERROR', message: '服务器内部错误，请联系管理员' });
    }
    const known = err.code ? fastifyCodes[err.code] : undefined;
    if (known) return send(known.status, { code: known.code, message: known.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, { code: 'BAD_REQUEST', message: `请求有误：${err.message}` });
    }
    request.log.error({ err }, 'unhandled error');
    return send(500, { code: 'INTERNAL_ERROR', message: '服务器内部错误，请联系管理员' });
  });

  app.setNotFoundHandler(routeNotFound);
}

/** An API path no route serves (here, and for a GET in the web client's catch-all, web.ts), in the caller's language. */
export function routeNotFound(request: FastifyRequest, reply: FastifyReply) {
  const message = `接口不存在：${request.method} ${request.url.split('?')[0]}`;
  const en = prefersEnglish(request.headers['accept-language']);
  return reply.code(404).send({ code: 'ROUTE_NOT_FOUND', message: en ? english(message) : message, requestId: request.id } satisfies ErrorBody);
}

/**
 * The summary of per-field refusals, naming each field by where it sits in the request: for an integrator reading the
 * body. The web puts the field messages under their fields and does not show this.
 */
export function invalidInputMessage(fields: FieldError[], en: boolean): string {
  return en
    ? `Invalid input: ${fields.map((f) => `${f.field}: ${english(f.message)}`).join('; ')}`
    : `输入有误：${fields.map((f) => `${f.field}：${f.message}`).join('；')}`;
}

function fieldName(context: string, instancePath: string, params: unknown): string {
  const p = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const keys = (params as { keys?: string[] } | undefined)?.keys;
  // Unknown keys are reported on the object; name the offending key itself.
  const extra = keys && keys.length ? (p ? `${p}.` : '') + keys.join(',') : p;
  return extra ? `${context}.${extra}` : context;
}

/** Field messages of an AppError's details, in English. */
function englishDetails(details: Record<string, unknown>): Record<string, unknown> {
  const fields = details.fields;
  if (!Array.isArray(fields)) return details;
  return { ...details, fields: (fields as FieldError[]).map((f) => ({ ...f, message: english(f.message) })) };
}
