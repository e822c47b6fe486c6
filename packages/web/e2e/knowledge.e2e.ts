import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, shot, signIn, startServer, type Server } from './support.js';

/** Issue 12 in the browser: a suggested article answers a consultation on the spot; the editor sees the use and a gap. */
describe('knowledge base', () => {
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

  it('the agent types the caller’s words, picks a suggested article and the consultation closes on the spot', async () => {
    const page = await signIn(browser, server.url, 'agent');
    await page.waitForSelector('.intake-form');
    await page.fill('#callers_0_name', '李先生');
    await page.getByText('咨询', { exact: true }).click();
    await page.click('#subjectCode');
    await page.keyboard.type('劳动合同');
    await page.keyboard.press('Enter');
    await page.click('#narrative');
    await page.keyboard.type('干了半年老板一直不跟我签合同，能要双倍工资吗');
    const hit = page.locator('.knowledge-hit', { hasText: '二倍工资' }).first();
    await hit.waitFor();
    // The suggestions appeared without taking the cursor out of the narrative.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'narrative');
    await shot(page, 'e2e-knowledge-suggestions');
    await hit.locator('[data-action="answer-with-article"]').click();
    await page.getByText('咨询已当场办结').waitFor();
    await shot(page, 'e2e-knowledge-answered');

    await page.goto(`${server.url}/knowledge`);
    await page.getByTestId('knowledge-search').locator('input').fill('宠物寄养');
    await page.keyboard.press('Enter');
    await page.getByText('没有找到相关知识，已记入待补清单').waitFor();
    await page.context().close();
  });

  it('the editor’s page shows the use and the search that found nothing', async () => {
    const page = await signIn(browser, server.url, 'editor');
    await page.goto(`${server.url}/knowledge`);
    await page.getByRole('tab', { name: '待补清单' }).click();
    await page.getByTestId('gaps-most-used').getByText('未签书面劳动合同的二倍工资（1）').waitFor();
    await page.getByTestId('gaps-no-results').getByText('宠物寄养').waitFor();
    await shot(page, 'e2e-knowledge-gaps');
    await page.context().close();
  });
});
