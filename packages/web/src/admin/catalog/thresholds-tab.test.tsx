import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App, Form, type FormInstance } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validValues } from '../../api/form-errors.js';
import { I18nProvider, type Lang } from '../../i18n/i18n.js';
import { invalidateReference } from '../../shared/reference.js';
import CatalogPage from '../CatalogPage.js';
import { ThresholdsTab } from './ThresholdsTab.js';

const thresholds = { massWorkers: 10, largeAmount: 500000, repeatCount: 3, repeatWindowDays: 30 };

function tab(lang: Lang) {
  let form!: FormInstance;
  function Host() {
    const [f] = Form.useForm();
    form = f;
    return (
      <I18nProvider initial={lang}>
        <Form form={f} name="catalog" initialValues={{ thresholds }}>
          <ThresholdsTab />
        </Form>
      </I18nProvider>
    );
  }
  render(<Host />);
  return () => form;
}
const chinese = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('风险阈值', () => {
  it('names each threshold and its unit in English', () => {
    tab('en');
    const labels = [...document.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Group (mass) threshold: workers', 'Large-amount threshold', 'Repeat threshold: requests', 'Days counted for repeats']);
    const units = [...document.querySelectorAll('.ant-input-number-suffix')].map((s) => s.textContent);
    expect(units).toEqual(['people', 'yuan', 'times', 'days']);
    expect(document.body.textContent).not.toMatch(chinese);
  });

  it('refuses a negative number with a message and keeps it as typed, instead of turning it into 1', async () => {
    const form = tab('zh');
    const box = document.querySelector<HTMLInputElement>('#catalog_thresholds_repeatCount')!;
    fireEvent.change(box, { target: { value: '-5' } });
    fireEvent.blur(box);
    expect(await act(async () => validValues(form()))).toBeNull();
    expect(box.value).toBe('-5');
    await waitFor(() =>
      expect([...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent)).toEqual(['重复（多）次数阈值至少为 1']),
    );
  });
});

const entry = (code: string, nameZh: string, nameEn: string) => ({ code, nameZh, nameEn, description: '', sortOrder: 10, active: true });

afterEach(() => vi.unstubAllGlobals());

describe('诉求事项’s usual types', { timeout: 60_000 }, () => {
  it('are named in English in English', async () => {
    invalidateReference();
    const catalog = {
      version: 1,
      types: [entry('complaint', '投诉', 'Complaint'), entry('consult', '咨询', 'Enquiry')],
      subjects: [{ ...entry('wage_arrears', '拖欠工资', 'Wage arrears'), usualTypes: ['complaint', 'consult'] }],
      riskFlags: [],
      thresholds,
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(catalog), { status: 200, headers: { 'content-type': 'application/json' } })),
    );
    render(
      <I18nProvider initial="en">
        <App>
          <CatalogPage />
        </App>
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByRole('tab', { name: 'Subject' }));
    const usual = await waitFor(() => {
      const tags = [...document.querySelectorAll('.ant-select-selection-item')].map((t) => t.textContent);
      expect(tags.length).toBeGreaterThan(0);
      return tags;
    });
    expect(usual).toEqual(['Complaint', 'Enquiry']);
  });
});
