import { fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Rectification } from '../api/legal.js';
import { I18nProvider } from '../i18n/i18n.js';
import { RectificationsTab } from './RectificationsTab.js';

const rect = {
  id: 'r1',
  orderId: null,
  orderNumber: null,
  itemName: '规范问候',
  owner: { id: 'u1', name: '王晓燕' },
  dueAt: '2026-12-01T00:00:00.000Z',
  status: 'open',
  closedAt: null,
  closedNote: null,
} as unknown as Rectification;

describe('完成整改', () => {
  it('asks what was done in English in English', async () => {
    render(
      <I18nProvider initial="en">
        <App>
          <MemoryRouter>
            <RectificationsTab rects={{ data: { items: [rect] }, error: null, loading: false, reload: () => undefined }} userId="u1" inspector={false} />
          </MemoryRouter>
        </App>
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    const note = await screen.findByRole('textbox');
    expect(note.getAttribute('placeholder')).toBe('Please say what was done');
  });
});
