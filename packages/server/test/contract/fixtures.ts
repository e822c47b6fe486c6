import type { LightMyRequestResponse } from 'fastify';
import { demoPassword } from '../../src/install/demo.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { testPassword } from '../support/test-db.js';
import type { TestApp } from '../support/test-app.js';

/** A 1×1 PNG: the smallest file the attachment content check accepts. */
export const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const b = 'contractBoundary12351';
  const chunks: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(
      Buffer.from(
        `--${b}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

export const orderInput = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904710001' }],
  employer: { name: '呼和浩特市某某建筑劳务有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映用人单位拖欠工资三个月，约 2 万元。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

export type Seeded = Awaited<ReturnType<typeof seedOrders>>;

/**
 * Orders in the states the API works on, so generated and hand-written requests can name real records: pending
 * dispatch, pending sign, handling (with a co-handler and an attachment), replied, and closed at intake.
 */
export async function seedOrders(t: TestApp, who: { agent: Session; dispatcher: Session; handler: Session }) {
  const { agent, dispatcher, handler } = who;
  const county = await unitByDivision(t, 'county_federation', '150102');
  const enterprise = (await t.db.query.units.findMany()).find((u) => u.type === 'enterprise_union' && u.path.startsWith(county.path))!;
  const create = (over: Record<string, unknown> = {}) => ok(agent.post('/api/orders', orderInput(over)), 201);
  const dispatch = async (o: { id: string; version: number }, coHandlers?: unknown[]) =>
    ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id, ...(coHandlers ? { coHandlers } : {}) }));

  const pending = await create();
  const signing = await dispatch(await create({ callers: [{ name: '李师傅', phone: '13904710002' }] }));
  let handling = await dispatch(await create({ callers: [{ name: '张师傅', phone: '13904710003' }] }), [{ unitId: enterprise.id, task: '督促企业清付' }]);
  handling = await ok(handler.post(`/api/orders/${handling.id}/sign`, { version: handling.version }));
  const upload = multipart({ kind: 'photo' }, { name: '欠条.png', bytes: png, type: 'image/png' });
  const withFile = await ok(handler.raw('POST', `/api/orders/${handling.id}/attachments`, upload.payload, upload.headers));
  let replied = await dispatch(await create({ callers: [{ name: '赵师傅', phone: '13904710004' }] }));
  replied = await ok(handler.post(`/api/orders/${replied.id}/sign`, { version: replied.version }));
  replied = await ok(
    handler.post(`/api/orders/${replied.id}/reply`, {
      version: replied.version,
      outcome: { resolved: true, measures: '督促企业支付', amountRecovered: 20000, workersHelped: 1 },
    }),
  );
  const closed = await create({ typeCode: 'consult', answeredOnSpot: { answer: '已当场解答劳动合同相关问题' } });
  return {
    county,
    enterprise,
    orders: { pending, signing, handling: withFile, replied, closed },
    coHandlerId: withFile.coHandlers[0].id as string,
    attachmentId: withFile.attachments[0].id as string,
  };
}

/** A signed-in person whose cookie is at hand, for requests the shared client cannot make (raw bodies, multipart). */
export type Session = Client & {
  cookie: string;
  raw: (method: string, url: string, payload?: string | Buffer, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
};

export async function signIn(t: TestApp, username: string, password = username === 'admin' ? testPassword : demoPassword): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'hotline_session')!;
  const cookie = `${c.name}=${c.value}`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { cookie } });
  return {
    cookie,
    session: res.json(),
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    del: (url) => call('DELETE', url),
    raw: (method, url, payload, headers = {}) =>
      t.app.inject({ method: method as 'POST', url, ...(payload === undefined ? {} : { payload }), headers: { ...headers, cookie } }),
  };
}
