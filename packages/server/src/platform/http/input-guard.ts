import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, type FieldError } from '../errors/app-error.js';

/** PostgreSQL text cannot hold U+0000: a request carrying one anywhere is refused here, naming the field, before any query. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const fields: FieldError[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string') {
        if (v.includes('\u0000')) fields.push({ field: path, message: '不能包含空字符（U+0000）' });
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(req.params, 'params');
    walk(req.query, 'querystring');
    walk(req.body, 'body');
    if (fields.length) throw invalid('VALIDATION_FAILED', '输入有误：' + fields.map((f) => `${f.field}：${f.message}`).join('；'), fields);
  });
}

/** Paths the router cannot decode (bad percent-encoding, an over-long segment) get the same error body as every other 4xx. */
export function frameworkErrors(err: { code?: string; statusCode?: number }, req: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  reply
    .code(err.statusCode ?? 400)
    .send({ code: tooLong ? 'URL_TOO_LONG' : 'BAD_URL', message: tooLong ? '请求地址中的参数过长' : '请求地址格式不正确', requestId: req.id });
}
