import { fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { followQuestion } from './follow.js';
import { FollowTab } from './FollowTab.js';

afterEach(() => vi.unstubAllGlobals());

describe('followQuestion', () => {
  it.each([
    [' RH20261206979673 ', { kind: 'application', number: 'RH20261206979673' }],
    ['rh20261206979673', { kind: 'application', number: 'RH20261206979673' }],
    ['12351-150000-20261206-0001', { kind: 'request', number: '12351-150000-20261206-0001' }],
    ['RH-not-a-number', { kind: 'request', number: 'RH-not-a-number' }],
  ])('%s → %j', (number, q) => expect(followQuestion({ number, phone: '13904710015' })).toEqual({ ...q, phone: '13904710015' }));
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const urlOf = (r: Request | string) => (typeof r === 'string' ? r : r.url);

describe('查询进度 with the number a membership application was given', () => {
  it('asks for the application and shows its state, union, steps and the reason it was declined', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request | string) => {
        asked.push(urlOf(r));
        return json(200, {
          number: 'RH20261206979673',
          submittedAt: '2026-12-06T02:00:00.000Z',
          unitName: '新城区总工会',
          state: 'declined',
          stateText: { zh: '未通过', en: 'Declined' },
          declineReason: '所在单位已建会，请向单位工会申请',
          steps: [
            { at: '2026-12-06T02:00:00.000Z', text: { zh: '已提交入会申请，转新城区总工会办理', en: 'Application submitted' } },
            { at: '2026-12-07T02:00:00.000Z', text: { zh: '新城区总工会未同意入会', en: 'Declined' } },
          ],
        });
      }),
    );
    render(
      <I18nProvider initial="zh">
        <App>
          <FollowTab initial={{ number: 'RH20261206979673', phone: '13904710015' }} />
        </App>
      </I18nProvider>,
    );
    const card = await screen.findByTestId('application-progress');
    expect(card.textContent).toContain('您的入会申请：未通过');
    expect(card.textContent).toContain('新城区总工会');
    expect(card.textContent).toContain('所在单位已建会，请向单位工会申请');
    expect(card.textContent).toContain('新城区总工会未同意入会');
    expect(asked.map((u) => new URL(u).pathname)).toEqual(['/api/public/memberships/track']);
  });

  it('a request’s number is still asked of the request tracker; its 404 is shown', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request | string) => {
        asked.push(urlOf(r));
        return json(404, { code: 'PUBLIC_REQUEST_NOT_FOUND', message: '未找到该诉求，请核对受理编号和电话号码' });
      }),
    );
    render(
      <I18nProvider initial="zh">
        <App>
          <FollowTab initial={null} />
        </App>
      </I18nProvider>,
    );
    fireEvent.change(document.querySelector('#follow_number')!, { target: { value: '12351-150000-20261206-0001' } });
    fireEvent.change(document.querySelector('#follow_phone')!, { target: { value: '13904710015' } });
    fireEvent.click(screen.getByRole('button', { name: /^查\s*询$/ }));
    expect(await screen.findByText('未找到该诉求，请核对受理编号和电话号码')).toBeTruthy();
    expect(asked.map((u) => new URL(u).pathname)).toEqual(['/api/public/requests/track']);
  });
});

describe('查询进度 of a request that is done with', () => {
  const progress = (stage: string) => ({
    number: '12351-150000-20261206-0002',
    submittedAt: '2026-12-06T00:50:00.000Z',
    title: '反映工地拖欠工资',
    stage,
    stageText: { zh: '已办结', en: 'Closed' },
    handlingUnit: '新城区总工会',
    answer: null,
    steps: [
      { at: '2026-12-06T00:50:00.000Z', text: { zh: '诉求已提交', en: 'Request submitted' } },
      { at: '2026-12-06T01:00:00.000Z', text: { zh: '已转交新城区总工会办理', en: 'Passed on for handling' } },
      { at: '2026-12-06T01:40:00.000Z', text: { zh: '回访：满意，已办结', en: 'Called back: satisfied; closed' } },
    ],
    rating: null,
    canRate: false,
  });
  const steps = async (stage: string) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, progress(stage))),
    );
    render(
      <I18nProvider initial="zh">
        <App>
          <FollowTab initial={{ number: '12351-150000-20261206-0002', phone: '13904710002' }} />
        </App>
      </I18nProvider>,
    );
    await screen.findByText('回访：满意，已办结');
    return [...document.querySelectorAll('.ant-steps-item')].map((el) =>
      el.classList.contains('ant-steps-item-finish') ? 'finish' : el.classList.contains('ant-steps-item-process') ? 'process' : 'wait',
    );
  };

  it('draws its last step finished, not as the step under way', async () => {
    expect(await steps('closed')).toEqual(['finish', 'finish', 'finish']);
  });

  it('draws the last step of a request still answered (awaiting the callback) as under way', async () => {
    expect(await steps('answered')).toEqual(['finish', 'finish', 'process']);
  });
});
