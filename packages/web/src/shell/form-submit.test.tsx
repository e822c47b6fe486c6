import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider, type Lang } from '../i18n/i18n.js';
import { FormProblems } from './form-submit.js';

const shown = (lang: Lang, problems: string[]) => {
  const { container } = render(
    <I18nProvider initial={lang}>
      <FormProblems problems={problems} />
    </I18nProvider>,
  );
  return container.querySelector('.ant-alert-title, .ant-alert-message')?.textContent ?? null;
};

describe('FormProblems: the server’s messages that fit no field, above the form', () => {
  it('joins them with ； in Chinese', () => {
    expect(shown('zh', ['工单已被他人修改，请刷新后重试', '请先告知来电人延期事宜'])).toBe('工单已被他人修改，请刷新后重试；请先告知来电人延期事宜');
  });

  it('joins them with "; " in English: the server already said them in English, no Chinese mark between', () => {
    expect(shown('en', ['The order was changed by someone else: reload and try again', 'Tell the caller about the extension first'])).toBe(
      'The order was changed by someone else: reload and try again; Tell the caller about the extension first',
    );
  });

  it('shows nothing when there is nothing to say', () => {
    expect(shown('en', [])).toBeNull();
  });
});
