import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError, sessionCookie, tinyPdf, tinyPng, upload } from './http.js';

/** Evidence on an order: checked by content, stored apart from the order, downloadable only by those who see it. */
let t: TestApp;
let handlerCookie: string;
let dispatcher: Client, city: Client, handler2: Client;
let order: { id: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  const agent = await t.login('agent');
  [dispatcher, city, handler2] = await Promise.all([t.login('dispatcher'), t.login('city'), t.login('handler2')]);
  handlerCookie = await sessionCookie(t, 'handler');
  const county = await unitByDivision(t, 'county_federation', '150102');
  const created = await ok(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '王先生', phone: '13904710009' }],
      narrative: '反映拖欠工资，有欠条。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    }),
    201,
  );
  order = await ok(dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId: county.id }));
});
afterAll(() => t.close());

describe('attachments', () => {
  const png = tinyPng();
  const pdf = tinyPdf();
  const uploaded: Record<string, string> = {};

  it('accepts a real PNG and a real PDF, named as uploaded, typed by content', async () => {
    const a = await upload(t, handlerCookie, order.id, { name: '欠条.png', bytes: png, type: 'image/png' }, 'iou');
    expect(a.statusCode).toBe(200);
    const b = await upload(t, handlerCookie, order.id, { name: 'contract', bytes: pdf }, 'contract');
    expect(b.statusCode).toBe(200);
    const view = b.json();
    expect(
      view.attachments.map((x: { fileName: string; contentType: string; size: number; kind: string }) => [x.fileName, x.contentType, x.size, x.kind]),
    ).toEqual([
      ['欠条.png', 'image/png', png.length, 'iou'],
      ['contract', 'application/pdf', pdf.length, 'contract'],
    ]);
    // An addition changes no field of the order: a colleague's open copy stays current.
    expect(view.version).toBe(order.version);
    uploaded.png = view.attachments[0].id;
    uploaded.pdf = view.attachments[1].id;
    const events = await ok(dispatcher.get(`/api/orders/${order.id}/events`));
    expect(events.filter((e: { action: string }) => e.action === 'add_attachment').map((e: { data: { fileName: string } }) => e.data.fileName)).toEqual([
      '欠条.png',
      'contract',
    ]);
  });

  it('lets anyone who sees the order download the bytes as stored', async () => {
    for (const [viewer, id, bytes, type] of [
      [dispatcher, uploaded.png, png, 'image/png'],
      [city, uploaded.pdf, pdf, 'application/pdf'],
    ] as const) {
      const res = await viewer.get(`/api/orders/${order.id}/attachments/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.rawPayload.equals(bytes)).toBe(true);
    }
    const named = await dispatcher.get(`/api/orders/${order.id}/attachments/${uploaded.png}`);
    expect(named.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('欠条.png')}`);
  });

  it('refuses text dressed up as a PNG, an empty file and an unknown kind', async () => {
    const fake = await expectError(
      upload(t, handlerCookie, order.id, { name: 'photo.png', bytes: Buffer.from('这不是图片，只是一段文字'), type: 'image/png' }),
      400,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expect(fake.details?.fields).toEqual([{ field: 'file', message: expect.any(String) }]);
    await expectError(upload(t, handlerCookie, order.id, { name: 'empty.pdf', bytes: Buffer.alloc(0) }), 400, 'ATTACHMENT_EMPTY');
    const kind = await expectError(upload(t, handlerCookie, order.id, { name: 'a.png', bytes: png }, 'selfie'), 400, 'VALIDATION_FAILED');
    // The categories by their names, not their codes (recording/photo/…).
    expect(kind.details?.fields).toEqual([{ field: 'kind', message: '应为录音、照片、欠条、合同、证据、文书或其他' }]);
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${order.id}/attachments`,
      payload: { file: 'x' },
      headers: { cookie: handlerCookie },
    });
    expect(notMultipart.statusCode).toBe(400);
    expect((await ok(dispatcher.get(`/api/orders/${order.id}`))).attachments).toHaveLength(2);
  });

  it('is a 404 for a stranger, to download or to upload, and for an attachment of another order', async () => {
    await expectError(handler2.get(`/api/orders/${order.id}/attachments/${uploaded.png}`), 404, 'ORDER_NOT_FOUND');
    await expectError(upload(t, await sessionCookie(t, 'handler2'), order.id, { name: 'x.png', bytes: png }), 404, 'ORDER_NOT_FOUND');
    await expectError(dispatcher.get(`/api/orders/${order.id}/attachments/${crypto.randomUUID()}`), 404, 'ATTACHMENT_NOT_FOUND');
    expect((await ok(dispatcher.get(`/api/orders/${order.id}`))).attachments).toHaveLength(2);
  });
});
