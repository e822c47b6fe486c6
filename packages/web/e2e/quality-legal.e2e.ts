import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, settled, shot, signIn, startServer, type Server } from './support.js';

/**
 * Quality inspection and legal supervision in the browser: an inspector scores a sampled order; a union drafts, a leader
 * approves, the letter downloads; the risk-employer register comes a page at a time.
 */
describe('quality inspection and legal supervision letters', () => {
  let server: Server;
  let browser: Browser;
  let orderId = '';
  let orderNumber = '';

  /** A call to the API as the signed-in person of `page` (same cookies, same origin). */
  const api = async (page: Page, method: 'GET' | 'POST', path: string, data?: unknown) => {
    const res = await page.request.fetch(`${server.url}${path}`, {
      method,
      headers: { origin: server.url, 'content-type': 'application/json' },
      ...(data ? { data } : {}),
    });
    assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  };

  before(async () => {
    server = await startServer();
    browser = await launch();
    // An order taken today by the agent, dispatched to 新城区总工会 and signed there.
    const agent = await signIn(browser, server.url, 'agent', { at: null });
    const created = await api(agent, 'POST', '/api/orders', {
      channel: 'phone',
      callers: [{ name: '刘师傅', phone: '13904713333' }],
      employer: { name: '内蒙古恒泰建筑工程有限公司' },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '工地拖欠8名工人工资共计12万元，老板一直拖着不给。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      workersInvolved: 8,
      amountInvolved: 120000,
    });
    orderId = created.id;
    orderNumber = created.number;
    await agent.context().close();
    const dispatcher = await signIn(browser, server.url, 'dispatcher', { at: null });
    const units = await api(dispatcher, 'GET', `/api/units?q=${encodeURIComponent('新城区总工会')}`);
    const county = (units.items as { id: string; name: string }[]).find((u) => u.name === '新城区总工会')!;
    await api(dispatcher, 'POST', `/api/orders/${orderId}/dispatch`, { version: created.version, unitId: county.id });
    await dispatcher.context().close();
    const handler = await signIn(browser, server.url, 'handler', { at: null });
    const o = await api(handler, 'GET', `/api/orders/${orderId}`);
    await api(handler, 'POST', `/api/orders/${orderId}/sign`, { version: o.version });
    await handler.context().close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an inspector draws the day’s sample and scores the order against the sheet', async () => {
    const page = await signIn(browser, server.url, 'inspector', { at: '/quality' });
    await page.getByRole('button', { name: '抽取样本' }).click();
    const row = page.locator('tr', { hasText: orderNumber });
    await row.waitFor();
    await row.getByRole('button', { name: /评\s?分/ }).click();
    await settled(page, '.ant-modal').waitFor();
    // The sheet starts unscored: every item is scored, here in full but the policy answer's accuracy.
    const dialog = page.getByRole('dialog');
    const points = dialog.locator('input[id^="scores_"]');
    for (let i = 0; i < (await points.count()); i++) {
      const input = points.nth(i);
      await input.fill((await input.getAttribute('aria-valuemax')) ?? '0');
    }
    for (const veto of await dialog.getByRole('radio', { name: '符合' }).all()) await veto.check();
    const accuracy = page.locator('input#scores_policy_accuracy');
    await accuracy.fill('20');
    await page.locator('textarea#comments').fill('未告知可申请劳动仲裁的时效');
    await shot(page, 'e2e-quality-score');
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await row.getByText('合格').waitFor();
    assert.match(await row.innerText(), /95/);
    await page.getByRole('tab', { name: '整改' }).click();
    await page.getByText('政策解答准确').first().waitFor();
    await shot(page, 'e2e-quality-rectifications');
    await page.context().close();
  });

  it('a county union drafts a supervision letter; the leader approves it and it downloads as a Word document', async () => {
    const handler = await signIn(browser, server.url, 'handler', { at: `/orders/${orderId}` });
    await handler.getByRole('button', { name: '起草提示函' }).click();
    // Drafting asks first: a letter to the employer is made from the order's facts.
    await handler
      .locator('.ant-popconfirm')
      .getByRole('button', { name: '起 草' })
      .or(handler.locator('.ant-popconfirm').getByRole('button', { name: '起草' }))
      .click();
    const draftRow = handler.locator('.legal-panel tr', { hasText: '工会劳动法律监督提示函' });
    await draftRow.getByText('待审批').waitFor();
    await shot(handler, 'e2e-legal-draft');
    await handler.context().close();

    const leader = await signIn(browser, server.url, 'leader', { at: '/legal/letters' });
    const row = leader.locator('tr', { hasText: '工会劳动法律监督提示函' });
    await row.getByRole('button', { name: '审批签发' }).click();
    await row.getByText('新城区工会监提〔').waitFor();
    const [download] = await Promise.all([leader.waitForEvent('download'), row.getByRole('link', { name: /下载/ }).click()]);
    assert.match(download.suggestedFilename(), /^新城区工会监提〔\d{4}〕1号-提示函-内蒙古恒泰建筑工程有限公司\.docx$/);
    const bytes = await download.createReadStream().then(async (s) => {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    });
    assert.equal(bytes.subarray(0, 2).toString(), 'PK'); // a zip container, as a docx is
    await shot(leader, 'e2e-legal-letters');
    await leader.context().close();
  });

  it('a mediated order: the reply dialog offers the agreement’s figures; the leader finds the case in the mediation list', async () => {
    const handler = await signIn(browser, server.url, 'handler', { at: null });
    const c = await api(handler, 'POST', '/api/mediation/cases', { orderId, workerParty: { name: '刘师傅等8人' }, mediators: ['李律师'] });
    await api(handler, 'POST', `/api/mediation/cases/${c.id}/agreement`, {
      version: c.version,
      terms: '企业于十日内一次性支付拖欠工资12万元。',
      amount: 120000,
      workersCovered: 8,
      paymentSchedule: [{ dueDate: '2099-12-10', amount: 120000 }],
      signedAt: new Date().toISOString(),
    });
    await handler.goto(`${server.url}/orders/${orderId}`);
    await handler.getByRole('button', { name: '办结反馈' }).click();
    const hint = settled(handler, '.ant-modal').locator('.mediation-reply-hint');
    await hint.getByText('追回 120,000 元，帮助 8 人').waitFor();
    await hint.getByRole('button', { name: '按调解结果填写' }).click();
    // The figure as the agreement has it (the form no longer pads or clamps what it shows).
    assert.equal(await handler.locator('input#amountRecovered').inputValue(), '120000');
    assert.equal(await handler.locator('input#workersHelped').inputValue(), '8');
    assert.match(await handler.locator('textarea#measures').inputValue(), /达成调解协议：企业于十日内一次性支付拖欠工资12万元/);
    await shot(handler, 'e2e-mediation-reply');
    await handler.context().close();

    const leader = await signIn(browser, server.url, 'leader', { at: '/legal/mediation' });
    const row = leader.locator('.mediation-cases tr', { hasText: orderNumber });
    await row.getByText('已达成协议').waitFor();
    assert.match(await row.innerText(), /刘师傅等8人/);
    assert.match(await row.innerText(), /120,000/);
    await shot(leader, 'e2e-mediation-cases');
    await leader.context().close();
  });
  it('the risk-employer register comes a page at a time: the total, more on demand, the counts per level, one employer by its link', async () => {
    // 52 employers, one order each of 600,000 yuan (a large amount enters the register): a third high (a danger flag),
    // a third medium (and 12 workers), a third low. Not dispatched: the intake desk's, in the province's territory.
    const agent = await signIn(browser, server.url, 'agent', { at: null });
    for (let i = 0; i < 52; i++)
      await api(agent, 'POST', '/api/orders', {
        channel: 'phone',
        callers: [{ name: '王师傅', phone: `1390471${4000 + i}` }],
        employer: { name: `呼和浩特市第${i + 1}页码建材有限公司` },
        place: { text: '呼和浩特市新城区', divisionCode: '150102' },
        narrative: `反映公司拖欠${i % 3 === 1 ? 12 : 2}名职工工资共计60万元，多次讨要未果。`,
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        workersInvolved: i % 3 === 1 ? 12 : 2,
        amountInvolved: 600000,
        ...(i % 3 === 0 ? { riskFlags: ['danger'] } : {}),
      });
    await agent.context().close();
    const leader = await signIn(browser, server.url, 'leader', { at: null });
    await api(leader, 'POST', '/api/legal/risk-employers/evaluate', {});
    const whole = await api(leader, 'GET', '/api/legal/risk-employers?limit=200');
    const total = whole.total as number;
    assert.ok(total >= 52 && total <= 100, `the register holds ${total}`);
    await leader.goto(`${server.url}/legal/risk-employers`);
    const rows = leader.locator('.ant-table-row');
    await leader.getByText(`共 ${total} 条，已显示 50 条`).waitFor();
    assert.equal(await rows.count(), 50);
    assert.match((await rows.first().textContent()) ?? '', /高风险/);
    await shot(leader, 'e2e-risk-employers');
    await leader.getByRole('button', { name: '加载更多' }).click();
    await leader.getByText(`共 ${total} 条，已显示 ${total} 条`).waitFor();
    assert.equal(await rows.count(), total);
    assert.equal(await leader.getByRole('button', { name: '加载更多' }).count(), 0);
    // The rows in the register's order, as the API gives them in one answer.
    const names = await rows.locator('td:nth-child(2)').allTextContents();
    assert.deepEqual(
      names,
      (whole.items as { employerName: string }[]).map((i) => i.employerName),
    );
    // The level filter names how many each level has; the low ones only.
    const counts = whole.countsByLevel as Record<'high' | 'medium' | 'low', number>;
    await leader.locator('.ant-card-extra .ant-select').click();
    await settled(leader, '.ant-select-dropdown').getByText(`关注 (${counts.low})`).click();
    await leader.getByText(`共 ${counts.low} 条，已显示 ${counts.low} 条`).waitFor();
    assert.ok((await rows.allTextContents()).every((r) => r.includes('关注')));
    // A notice's link shows the one employer it is about.
    const one = (whole.items as { employerKey: string; employerName: string }[]).at(-1)!;
    await leader.goto(`${server.url}/legal/risk-employers?key=${encodeURIComponent(one.employerKey)}`);
    await leader.getByText(`只看 ${one.employerName}`).waitFor();
    await leader.getByText('共 1 条，已显示 1 条').waitFor();
    assert.deepEqual(await rows.locator('td:nth-child(2)').allTextContents(), [one.employerName]);
    await leader.context().close();
  });
});
