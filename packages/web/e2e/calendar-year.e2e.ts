import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { adminPassword, apiIn, launch, settled, shot, signIn, startServer, type Server, go } from './support.js';

/** An API call from the signed-in page that must succeed. */
async function api<T = any>(page: Page, url: string, body?: unknown): Promise<T> {
  const res = await apiIn<T>(page, url, body === undefined ? undefined : { method: 'POST', body });
  assert.ok(res.status < 300, `${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A 2027 notice as the State Council publishes it, as an iCalendar file (fictitious: the real one is not out). */
const notice2027 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270105',
  'SUMMARY:元旦(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270205',
  'DTEND;VALUE=DATE:20270213',
  'SUMMARY:春节(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270220',
  'DTEND;VALUE=DATE:20270221',
  'SUMMARY:春节(班)',
  'X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

/**
 * December, with 2027 not yet published: a deadline reaching into 2027 is counted on the provisional year and says
 * 暂定 in the list and on the order; the administrator imports the notice's file, and the order's deadline is
 * recomputed with the change on its timeline. (The server's real clock: this test means something until the end of
 * 2026; after that chinese-days' data or a later provisional year plays the same part.)
 */
describe('the calendar past its data', () => {
  let server: Server;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('marks a provisional deadline, and the imported notice recomputes it on the timeline', async (t) => {
    const dispatcher = await signIn(browser, server.url, 'dispatcher', { at: null });
    const health = await api(dispatcher, '/api/health');
    const provisional = health.calendar?.provisional as { from: string; to: string; years: number[] } | null;
    if (!provisional?.years.includes(2027)) return t.skip(`2027 is not provisional on this installation (${JSON.stringify(provisional)})`);

    // The agent's complex order (复杂件), dispatched to a county union: its 30-working-day reply limit reaches into 2027.
    const agent = await signIn(browser, server.url, 'agent', { at: null });
    const order = await api(agent, '/api/orders', {
      channel: 'letter',
      callers: [{ name: '王先生', phone: '13904711111' }],
      employer: { name: '呼和浩特市某某建筑有限公司' },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '来信反映建筑公司拖欠三个月工资，涉及多名工人，请求帮助追讨。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      tier: 'complex',
    });
    const units = await api<{ items: { id: string; type: string; divisionCode: string | null }[] }>(dispatcher, '/api/units/?limit=1000');
    const county = units.items.find((u) => u.type === 'county_federation' && u.divisionCode === '150102')!;
    const dispatched = await api(dispatcher, `/api/orders/${order.id}/dispatch`, { version: order.version, unitId: county.id });
    assert.equal(dispatched.deadlineProvisional, true, JSON.stringify(dispatched.deadlines));

    await dispatcher.goto(`${server.url}/orders?view=all`);
    const row = dispatcher.locator('.ant-table-row', { hasText: order.number });
    await row.locator('[data-provisional]').waitFor();
    await go(dispatcher, `/orders/${order.id}`);
    await dispatcher.locator('.order-header [data-provisional]').waitFor();
    await shot(dispatcher, 'e2e-calendar-provisional-order');

    // The administrator sees 2027 said to be provisional, and imports the notice's .ics file.
    const admin = await signIn(browser, server.url, 'admin', { password: adminPassword, at: '/admin/calendar' });
    await admin
      .getByText(/为暂定日历/)
      .first()
      .waitFor();
    await admin.getByRole('button', { name: /导入/ }).first().click();
    await settled(admin, '.ant-modal').waitFor();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'notice-')), '2027年节假日安排.ics');
    fs.writeFileSync(file, notice2027);
    await admin.locator('.ant-modal input[type=file]').setInputFiles(file);
    await admin.getByText('2027年节假日安排.ics').waitFor();
    await admin.fill('.ant-modal #year', '2027');
    await admin.locator('.ant-modal .ant-btn-primary').click();
    await admin.getByText(/2027 年已导入.*张在办工单的暂定期限已重算/).waitFor();
    await shot(admin, 'e2e-calendar-imported');

    // The order: no longer provisional, the reply deadline a day later (1-4 January rest), the change on the timeline.
    await dispatcher.reload();
    await dispatcher.locator('.order-header').waitFor();
    assert.equal(await dispatcher.locator('.order-header [data-provisional]').count(), 0);
    const entry = dispatcher.locator('.ant-timeline-item', { hasText: '期限按正式日历重算' });
    await entry.waitFor();
    assert.match(await entry.innerText(), /办结期限：.+ → .+/);
    await shot(dispatcher, 'e2e-calendar-recomputed-timeline');
    for (const p of [agent, dispatcher, admin]) await p.context().close();
  });
});
