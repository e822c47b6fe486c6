import { render } from '@testing-library/react';
import { Form } from 'antd';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { LegalDialogFields } from './LegalDialogFields.js';

describe('发起调解', () => {
  it('says how to list several mediators in English in English', () => {
    render(
      <I18nProvider initial="en">
        <Form name="legal">
          <LegalDialogFields kind="open" />
        </Form>
      </I18nProvider>,
    );
    expect(document.querySelector('#legal_mediators')!.getAttribute('placeholder')).toBe('Separate several names with 、');
  });
});
