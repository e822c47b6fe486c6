import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, translate } from '../../i18n/i18n.js';
import ExchangePage from '../ExchangePage.js';
import { ExchangeFigures } from '../../analytics/ExchangeFigures.js';
import { failureText, failureWords, type FailureKind } from './failure-words.js';
import { durationText } from './names.js';

// The cockpit's card asks the session who reads: a province dispatcher here.
vi.mock('../../auth/session.js', () => ({
  useCurrent: () => ({ role: 'dispatcher', current: { provinceWide: true, holdsProvinceHotline: true } }),
}));

const kinds = Object.keys(failureWords) as FailureKind[];
const chinese = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('a stored error in words', () => {
  it('says each kind in Chinese words, and in English with no Chinese left', () => {
    expect(kinds.sort()).toEqual(
      [
        'behind_earlier',
        'certificate',
        'network',
        'not_sending',
        'other',
        'partner_error',
        'refused',
        'rejected',
        'timeout',
        'unknown_host',
        'unreadable',
      ].sort(),
    );
    for (const k of kinds) {
      expect(failureWords[k], k).toMatch(chinese);
      expect(translate('en', failureWords[k]), k).not.toMatch(chinese);
    }
  });

  it('puts the words first and keeps the stored detail beside them; says an error stored without a kind as it was', () => {
    expect(failureText('refused', '无法连接对方：ECONNREFUSED')).toEqual({
      words: '对方平台拒绝连接（对方服务可能未运行）',
      detail: '无法连接对方：ECONNREFUSED',
    });
    expect(failureText('network', '无法连接对方：fetch failed')).toEqual({ words: '网络不通，未能连上对方平台', detail: '无法连接对方：fetch failed' });
    expect(failureText('rejected', '对方应答 HTTP 401：签名无效')?.words).toBe('对方平台拒收（签名、格式或账号有误）');
    expect(failureText('partner_error', '对方应答 HTTP 503')?.words).toBe('对方平台系统出错');
    expect(failureText('timeout', '对方 10 秒未应答（超时）')?.words).toBe('对方平台未在规定时间内应答');
    expect(failureText('unknown_host', '无法连接对方：ENOTFOUND')?.words).toBe('找不到对方平台的地址（域名无法解析）');
    // Stored before kinds, or a kind this page does not know yet: as stored.
    expect(failureText(null, '无法连接对方：ECONNREFUSED')).toEqual({ words: '无法连接对方：ECONNREFUSED', detail: null });
    expect(failureText('some_new_kind', 'x')).toEqual({ words: 'x', detail: null });
    // The detail that says no more than the words is not said twice.
    expect(failureText('not_sending', '对接平台已停用或未配置接收地址')).toEqual({ words: '对接平台已停用或未配置接收地址', detail: null });
    expect(failureText(null, null)).toBeNull();
  });

  it('says a time in hours and minutes, minutes alone under an hour', () => {
    const zh = (k: string) => k;
    expect([durationText(0, zh), durationText(59 * 60 + 59, zh), durationText(19 * 3600 + 5 * 60 + 59, zh)]).toEqual(['0 分钟', '59 分钟', '19 小时 5 分钟']);
    expect(durationText(3600, (k) => translate('en', k))).toBe('1 h 0 min');
  });
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const partner = {
  id: '11111111-1111-4111-8111-111111111111',
  name: '市 12345 政务服务便民热线',
  kind: 'gov12345',
  direction: 'both',
  endpoint: 'http://127.0.0.1:4100/',
  credentials: {},
  signingMethod: 'hmac-sm3',
  publicKey: null,
  partnerPublicKey: null,
  mapping: { fields: {}, values: {}, states: {}, defaults: {} },
  receivingUnit: { id: 'u', name: '热线服务中心' },
  active: true,
  version: 1,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};
const figures = {
  day: '2026-12-06',
  receivedToday: 0,
  sentToday: 2,
  waiting: 0,
  failed: 1,
  unacknowledged: 0,
  lagSeconds: 0,
  oldestFailedSeconds: 19 * 3600 + 5 * 60,
  partners: [
    {
      partner: { id: partner.id, name: partner.name },
      receivedToday: 0,
      sentToday: 2,
      waiting: 0,
      failed: 1,
      unacknowledged: 0,
      lagSeconds: 0,
      oldestFailedSeconds: 19 * 3600 + 5 * 60,
    },
  ],
};
const message = {
  id: '2',
  partner: { id: partner.id, name: partner.name },
  direction: 'out',
  kind: 'status',
  orderId: 'o',
  externalId: 'HHHT12345-2026-1000',
  seq: 1,
  state: 'failed',
  attempts: 60,
  lastError: '无法连接对方：ECONNREFUSED',
  lastErrorKind: 'refused',
  partnerReceipt: null,
  ackCount: 0,
  payload: {},
  createdAt: '2026-12-05T03:08:00Z',
  deliveredAt: null,
  lastAttemptAt: '2026-12-05T03:08:00Z',
};
const report = {
  partner: { id: partner.id, name: partner.name },
  day: '2026-12-05',
  madeAt: '2026-12-06T00:00:00Z',
  sent: 2,
  received: 0,
  acknowledged: 2,
  missing: [],
  duplicated: [],
  mismatched: [],
  statement: 'unavailable',
  statementError: '无法连接对方：bad port',
  statementErrorKind: 'network',
};

function serve() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (r: Request) => {
      const path = new URL(r.url).pathname;
      if (path === '/api/exchange/partners') return json({ items: [partner] });
      if (path === '/api/exchange/figures') return json(figures);
      if (path === '/api/exchange/messages') return json({ items: [message], nextCursor: null, total: 1, totalCapped: false, pageSize: 20 });
      if (path === '/api/exchange/reconciliation') return json(report);
      return new Response('{}', { status: 404 });
    }),
  );
}
afterEach(() => vi.unstubAllGlobals());

const renderInEnglish = () =>
  render(
    <I18nProvider initial="en">
      <App>
        <ExchangePage />
      </App>
    </I18nProvider>,
  );

describe('the exchange page in English', () => {
  it('puts each age beside its own figure: no wait beside "waiting 0", the failed message’s age beside "failed 1"', async () => {
    serve();
    renderInEnglish();
    expect((await screen.findByTestId('exchange-waiting')).textContent).toBe('Waiting to send 0');
    expect(screen.getByTestId('exchange-lag').textContent).toBe('Oldest waiting —');
    expect(screen.getByTestId('exchange-failed').textContent).toBe('Failed 1 (oldest 19 h 5 min ago)');
  });

  it('says a message’s error and the reconciliation’s in words, the stored detail in the tooltip', async () => {
    serve();
    renderInEnglish();
    fireEvent.click(await screen.findByText('Messages'));
    const row = (await screen.findByText('HHHT12345-2026-1000')).closest('tr')!;
    const words = within(row).getByTestId('failure-words');
    expect(words.textContent).toBe('The partner refused the connection (its service may be down)');
    // The row says what happened; the system's words are only in the tooltip.
    expect(row.textContent).not.toMatch(/无法连接对方|ECONNREFUSED/);
    fireEvent.mouseEnter(words.parentElement!);
    expect(await screen.findByText('Details: 无法连接对方：ECONNREFUSED')).toBeTruthy();

    fireEvent.click(screen.getByText('Reconciliation'));
    const said = await screen.findByTestId('statement-unavailable');
    expect(said.textContent).toBe('No statement from the partner: The network did not reach the partner');
  });
});

describe('the cockpit’s exchange card in English', () => {
  it('gives the failed their own oldest age, and no wait where nothing waits', async () => {
    serve();
    render(
      <I18nProvider initial="en">
        <App>
          <ExchangeFigures />
        </App>
      </I18nProvider>,
    );
    const card = await screen.findByTestId('exchange-figures');
    const heads = [...card.querySelectorAll('th')].map((th) => th.textContent);
    expect(heads).toEqual(['Partners', 'Received today', 'Sent today', 'Waiting to send', 'Oldest waiting', 'Failed', 'Oldest failure', 'Acks overdue']);
    await waitFor(() => expect(card.querySelectorAll('tbody tr td').length).toBe(8));
    const cells = [...card.querySelectorAll('tbody tr td')].map((td) => td.textContent);
    expect(cells).toEqual([partner.name, '0', '2', '0', '—', '1', '19 h', '0']);
  });
});
