import { act, render } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError } from './client.js';
import { applyServerErrors, fieldPath, refusalToast, validValues } from './form-errors.js';

describe('fieldPath', () => {
  it.each([
    ['body.narrative', ['narrative']],
    ['body.outcome.measures', ['outcome', 'measures']],
    ['body.callers.0.phone', ['callers', 0, 'phone']],
    ['querystring.callerPhone', ['callerPhone']],
    ['file', ['file']],
  ])('%s → %j', (f, p) => expect(fieldPath(f)).toEqual(p));
});

function withForm(): FormInstance {
  let form!: FormInstance;
  function Host() {
    const [f] = Form.useForm();
    form = f;
    return (
      <Form form={f}>
        <Form.Item name="narrative" rules={[{ required: true, message: '请填写诉求内容' }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['callers', 0, 'phone']}>
          <Input />
        </Form.Item>
        <Form.Item name="division">
          <Input />
        </Form.Item>
      </Form>
    );
  }
  render(<Host />);
  return form;
}

describe('applyServerErrors', () => {
  it('puts each message on its field and returns the ones that fit none', () => {
    const form = withForm();
    const e = new ApiError(400, 'VALIDATION_FAILED', '输入有误', {
      fields: [
        { field: 'body.narrative', message: '请填写诉求内容' },
        { field: 'body.callers.0.phone', message: '电话号码格式不正确' },
        { field: 'body.place.divisionCode', message: '行政区划代码不正确' },
        { field: 'body.unknownThing', message: '未知字段' },
      ],
    });
    let rest: string[] = [];
    act(() => {
      rest = applyServerErrors(form, e, { 'place.divisionCode': ['division'] });
    });
    expect(form.getFieldError('narrative')).toEqual(['请填写诉求内容']);
    expect(form.getFieldError(['callers', 0, 'phone'])).toEqual(['电话号码格式不正确']);
    expect(form.getFieldError('division')).toEqual(['行政区划代码不正确']);
    expect(rest).toEqual(['未知字段']);
  });

  it('returns the message itself when the error names no field', () => {
    const form = withForm();
    expect(applyServerErrors(form, new ApiError(409, 'ORDER_EXTENSION_PENDING', '已有一项延期申请待审批'))).toEqual(['已有一项延期申请待审批']);
    expect(applyServerErrors(form, new Error('boom'))).toEqual(['boom']);
  });
});

describe('validValues', () => {
  it('answers null when a rule fails, the message under its field, with nothing thrown', async () => {
    const form = withForm();
    let v: unknown = 'unset';
    await act(async () => {
      v = await validValues(form);
    });
    expect(v).toBeNull();
    expect(form.getFieldError('narrative')).toEqual(['请填写诉求内容']);
  });

  it('answers the values when every rule passes', async () => {
    const form = withForm();
    act(() => form.setFieldsValue({ narrative: '欠薪' }));
    let v: unknown;
    await act(async () => {
      v = await validValues(form);
    });
    expect(v).toMatchObject({ narrative: '欠薪' });
  });
});

describe('refusalToast', () => {
  const t = (s: string) => s;
  const refusal = new ApiError(400, 'VALIDATION_FAILED', '输入有误：body.note：不能包含空字符（U+0000）', {
    fields: [{ field: 'body.note', message: '不能包含空字符（U+0000）' }],
  });

  it('never shows the request paths of the server’s summary: the field messages are under the fields', () => {
    expect(refusalToast(refusal, [], t)).toBe('请按标红的提示修改后再提交');
    expect(refusalToast(refusal, ['未知字段'], t)).toBe('未知字段');
  });

  it('shows the message of a refusal that names no field', () => {
    expect(refusalToast(new ApiError(409, 'ORDER_EXTENSION_PENDING', '已有一项延期申请待审批'), [], t)).toBe('已有一项延期申请待审批');
  });
});
