import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Form } from 'antd';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { ClaimFields } from './ClaimFields.js';

describe('the intake’s title', () => {
  it('keeps a pasted title over 60 characters whole and marks it, as the narrative does', async () => {
    render(
      <I18nProvider initial="zh">
        <Form>
          <ClaimFields catalog={null} typeCode={undefined} />
        </Form>
      </I18nProvider>,
    );
    const user = userEvent.setup();
    const title = document.querySelector<HTMLInputElement>('input#title')!;
    await user.click(title);
    await user.paste('某'.repeat(70));
    expect(title.value).toHaveLength(70);
    await screen.findByText('标题不能超过 60 字');
  });
});
