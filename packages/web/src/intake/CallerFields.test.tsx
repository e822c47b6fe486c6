import { act, render } from '@testing-library/react';
import { Form, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import { I18nProvider } from '../i18n/i18n.js';
import { CallerFields } from './CallerFields.js';
import { attachFieldAlias, type CallerValues, repeatsEarlierNumber } from './intake-form.js';

function withCallers(callers: CallerValues[]): FormInstance {
  let form!: FormInstance;
  function Host() {
    const [f] = Form.useForm();
    form = f;
    return (
      <Form form={f} initialValues={{ callers }}>
        <CallerFields phoneRef={{ current: null }} />
      </Form>
    );
  }
  render(
    <I18nProvider initial="zh">
      <Host />
    </I18nProvider>,
  );
  return form;
}

async function validate(form: FormInstance) {
  await act(async () => {
    await form.validateFields().catch(() => undefined);
  });
}

describe('the callers of the intake form', () => {
  it('marks a second caller with the first one’s number, as typed differently', async () => {
    const form = withCallers([
      { phone: '13904710002', name: '李师傅', relation: 'self' },
      { phone: '139 0471 0002', name: '王师傅', relation: 'colleague' },
      { phone: '13904710003', name: '赵师傅', relation: 'colleague' },
    ]);
    await validate(form);
    expect(form.getFieldError(['callers', 0, 'phone'])).toEqual([]);
    expect(form.getFieldError(['callers', 1, 'phone'])).toEqual(['该号码已登记为本工单的来电人']);
    expect(form.getFieldError(['callers', 2, 'phone'])).toEqual([]);
  });

  it('marks an ID number born after today', async () => {
    // Born 1 January 2999, a valid check digit.
    const form = withCallers([{ phone: '13904710002', name: '李师傅', idNumber: '150102299901010012' }]);
    await validate(form);
    expect(form.getFieldError(['callers', 0, 'idNumber'])).toEqual(['身份证号中的出生日期不能晚于今天']);
  });

  it('puts the server’s refusal of an attached caller on the first caller’s fields', () => {
    const form = withCallers([{ phone: '13904710002', name: '王师傅', idNumber: '15010220261206001X' }]);
    const refusal = (field: string, message: string) => new ApiError(409, 'ORDER_CALLER_ALREADY_ON_ORDER', message, { fields: [{ field, message }] });
    let rest: string[] = [];
    act(() => {
      rest = [
        ...applyServerErrors(form, refusal('body.caller.phone', '该号码已登记为本工单的来电人'), attachFieldAlias),
        ...applyServerErrors(form, refusal('body.caller.idNumber', '身份证号中的出生日期不能晚于今天'), attachFieldAlias),
      ];
    });
    expect(rest).toEqual([]);
    expect(form.getFieldError(['callers', 0, 'phone'])).toEqual(['该号码已登记为本工单的来电人']);
    expect(form.getFieldError(['callers', 0, 'idNumber'])).toEqual(['身份证号中的出生日期不能晚于今天']);
  });
});

describe('repeatsEarlierNumber', () => {
  it('compares numbers as the server stores them, and only with earlier callers', () => {
    const callers = [{ phone: '+86 139-0471-0002' }, {}, { phone: '13904710002' }, { phone: ' ' }, { phone: '13904710002' }];
    expect([0, 1, 2, 3, 4].map((i) => repeatsEarlierNumber(callers, i))).toEqual([false, false, true, false, true]);
  });
});
