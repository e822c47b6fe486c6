import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Form, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { applyServerErrors, validValues } from '../../api/form-errors.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { legalFieldAlias } from '../LegalPanel.js';
import { legalDialogTitles, LegalDialogFields, type LegalDialog } from './LegalDialogFields.js';

function dialog(kind: LegalDialog['kind'], initial: Record<string, unknown> = {}) {
  let form!: FormInstance;
  function Host() {
    const [f] = Form.useForm();
    form = f;
    return (
      <I18nProvider initial="zh">
        <Form form={f} name="legal" layout="vertical" initialValues={initial}>
          <LegalDialogFields kind={kind} />
        </Form>
      </I18nProvider>
    );
  }
  render(<Host />);
  return () => form;
}

const errorsShown = () => [...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);

describe('登记调解协议', () => {
  it('an instalment added and left empty says which one and what is missing, not the field’s internal name', async () => {
    const form = dialog('agreement', { terms: '企业分期支付拖欠工资', amount: 5000, workers: 3, signedAt: dayjs() });
    fireEvent.click(screen.getByRole('button', { name: '添加分期' }));
    await act(async () => void (await validValues(form())));
    await waitFor(() => expect(errorsShown()).toEqual(['请填写第1期的到期日', '请填写第1期的金额']));
    expect(errorsShown().join()).not.toMatch(/dueDate|amount|请输入/);
  });

  it('keeps −5000 and −3 as typed and says why they are refused', async () => {
    const form = dialog('agreement', { terms: '企业分期支付拖欠工资', signedAt: dayjs() });
    const amount = document.querySelector<HTMLInputElement>('#legal_amount')!;
    const workers = document.querySelector<HTMLInputElement>('#legal_workers')!;
    fireEvent.change(amount, { target: { value: '-5000' } });
    fireEvent.blur(amount);
    fireEvent.change(workers, { target: { value: '-3' } });
    fireEvent.blur(workers);
    expect(await act(async () => validValues(form()))).toBeNull();
    expect([amount.value, workers.value]).toEqual(['-5000', '-3']);
    await waitFor(() => expect(errorsShown()).toEqual(['协议金额不能为负', '涉及职工人数至少为 1']));
  });

  it('refuses an agreement signed later than now and an instalment due before the signing', async () => {
    const form = dialog('agreement', {
      terms: '企业分期支付拖欠工资',
      amount: 5000,
      workers: 3,
      signedAt: dayjs().add(2, 'day'),
      schedule: [{ dueDate: dayjs().subtract(1, 'year'), amount: 5000 }],
    });
    expect(await act(async () => validValues(form()))).toBeNull();
    await waitFor(() => expect(errorsShown()).toEqual(['签订时间不能晚于现在', '第1期到期日不能早于签订日期']));
  });

  it('puts the server’s message on the instalment it names', () => {
    const form = dialog('agreement', { schedule: [{ amount: 5000 }] });
    const e = new ApiError(400, 'MEDIATION_SCHEDULE_INVALID', '付款计划有误', {
      fields: [{ field: 'paymentSchedule.0.dueDate', message: '第1期到期日不能早于协议签订日期（2026-11-30）' }],
    });
    let rest: string[] = [];
    act(() => {
      rest = applyServerErrors(form(), e, legalFieldAlias);
    });
    expect(rest).toEqual([]);
    expect(form().getFieldError(['schedule', 0, 'dueDate'])).toEqual(['第1期到期日不能早于协议签订日期（2026-11-30）']);
  });
});

describe('every legal dialog', () => {
  it('is titled by its action, not by the panel', () => {
    expect(legalDialogTitles).toEqual({
      open: '发起调解',
      session: '记录调解',
      agreement: '登记调解协议',
      failure: '调解不成',
      refer: '转介',
      referralResult: '登记转介结果',
    });
    expect(Object.values(legalDialogTitles)).not.toContain('法律服务');
  });

  it.each([
    ['open', ['请填写申请人（职工方）']],
    ['session', ['请填写调解时间', '请填写地点', '请填写参加人员', '请填写调解记录']],
    ['failure', ['请填写调解不成的原因']],
    ['referralResult', ['请填写转介结果']],
  ] as const)('%s: each empty field says what to fill in', async (kind, messages) => {
    const form = dialog(kind);
    await act(async () => void (await validValues(form())));
    await waitFor(() => expect(errorsShown()).toEqual(messages));
  });
});

describe('发起调解', () => {
  it('keeps a pasted applicant name over 100 characters whole and refuses it on the field', async () => {
    const form = dialog('open');
    const user = userEvent.setup();
    const worker = document.querySelector<HTMLInputElement>('#legal_worker')!;
    await user.click(worker);
    // maxLength cut a paste at 100 without a word (the server's limit: mediation.routes.ts party.name).
    await user.paste('某'.repeat(120));
    expect(worker.value).toHaveLength(120);
    expect(await act(async () => validValues(form()))).toBeNull();
    await waitFor(() => expect(errorsShown()).toEqual(['申请人（职工方）不能超过 100 字']));
  });
});
