import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { compoundFile, docx, fakeExe } from '../support/files.js';
import { sessionCookie, tinyPng, upload } from '../orders/http.js';

/** Issue 10, items 4 and 13: a refused upload leaves nothing behind; risky files are refused with a clear message. */
let t: TestApp;
let agent: Client, dispatcher: Client;
let order: { id: string; version: number };

function filesUnder(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
async function stored() {
  const blobs = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from attachment_blobs`))[0]!.n;
  return { files: filesUnder(path.join(t.config.dataDir, 'attachments')), blobs };
}

beforeAll(async () => {
  t = await createTestApp();
  [agent, dispatcher] = await Promise.all([t.login('agent'), t.login('dispatcher')]);
  const county = await unitByDivision(t, 'county_federation', '150102');
  const created = await ok(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '王先生', phone: '13904712222' }],
      narrative: '反映拖欠工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
    }),
    201,
  );
  order = await ok(dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId: county.id }));
});
afterAll(() => t.close());

describe('4. permission is decided before the body is read', () => {
  const big = Buffer.concat([tinyPng(), Buffer.alloc(8 * 1024 * 1024, 1)]);

  it('an upload to an order out of sight is a 404 and stores nothing', async () => {
    const before = await stored();
    const res = await upload(t, await sessionCookie(t, 'handler2'), order.id, { name: 'big.png', bytes: big, type: 'image/png' });
    expect([res.statusCode, res.json().code]).toEqual([404, 'ORDER_NOT_FOUND']);
    expect(await stored()).toEqual(before);
  });

  it('an upload by a role that may not upload is a 403 and stores nothing', async () => {
    const before = await stored();
    const res = await upload(t, await sessionCookie(t, 'inspector'), order.id, { name: 'big.png', bytes: big, type: 'image/png' });
    expect(res.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('an allowed upload is stored once', async () => {
    const before = await stored();
    const res = await upload(t, await sessionCookie(t, 'handler'), order.id, { name: '欠条.png', bytes: tinyPng(), type: 'image/png' });
    expect(res.statusCode).toBe(200);
    const after = await stored();
    expect(after.files + after.blobs).toBe(before.files + before.blobs + 1);
  });
});

describe('13. risky attachments', () => {
  const cases: [string, Buffer, string][] = [
    ['setup.msi', compoundFile([{ name: 'SummaryInformation', data: Buffer.from('installer') }]), 'ATTACHMENT_NAME_NOT_ALLOWED'],
    ['证据.doc', compoundFile([{ name: 'SummaryInformation', data: Buffer.from('installer') }]), 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['证据.docx', docx([{ name: 'word/embeddings/oleObject1.bin', data: fakeExe(4096) }]), 'ATTACHMENT_EMBEDDED_EXECUTABLE'],
    ['工资表.docx', docx([{ name: 'word/media/huge.xml', data: Buffer.alloc(40 * 1024 * 1024) }]), 'ATTACHMENT_EXPANSION'],
  ];
  for (const [name, bytes, code] of cases) {
    it(`refuses ${name} with ${code} and a message, storing nothing`, async () => {
      const before = await stored();
      const res = await upload(t, await sessionCookie(t, 'handler'), order.id, { name, bytes });
      expect([res.statusCode, res.json().code]).toEqual([400, code]);
      expect(res.json().message.length).toBeGreaterThan(5);
      expect(await stored()).toEqual(before);
    });
  }
});
