import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderView, Unit } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { invalidateReference } from '../../shared/reference.js';
import { ActionDialog, type ActionSpec } from './ActionDialog.js';
import { studioOutOfReach } from './co-handler-reach.js';
import { actionSpecs } from './specs.js';

afterEach(() => {
  vi.unstubAllGlobals();
  invalidateReference('units');
});

const unit = (id: string, type: string, name: string, over: Partial<Unit> = {}) =>
  ({ id, parentId: null, depth: 0, type, typeName: type, external: false, name, active: true, ...over }) as unknown as Unit;
const hotline = { id: 'centre', name: '内蒙古自治区总工会12351热线服务中心', type: 'hotline_centre', typeName: '热线中心', active: true };
/** What a county's handler reads of the units: its own subtree and the external collaborators; no studio. */
const countyUnits = [
  unit('county', 'county_federation', '新城区总工会'),
  unit('town', 'town_union', '东街街道工会', { parentId: 'county', depth: 1 }),
  unit('hr', 'hr_bureau', '内蒙古自治区人力资源和社会保障厅', { external: true }),
];
const atCounty = { dispatchUnit: hotline, relations: ['holder'] } as unknown as Pick<OrderView, 'dispatchUnit' | 'relations'>;

describe('the lawyers’ studio out of the inviting unit’s reach', () => {
  it('names the unit that dispatched the order, which may invite it, to a county holding it', () => {
    expect(studioOutOfReach(countyUnits, atCounty)).toEqual({ ask: hotline.name });
  });

  it('says nothing where the studio is offered (the hotline reaches the whole province), or before the units are read', () => {
    const province = [...countyUnits, unit('studio', 'lawyer_studio', '内蒙古自治区总工会劳模律师调解工作室', { parentId: 'province', depth: 1 })];
    expect(studioOutOfReach(province, atCounty)).toBeNull();
    expect(studioOutOfReach(null, atCounty)).toBeNull();
  });

  it('asks the federation above when the unit dispatched the order itself, or the studio in reach is retired', () => {
    const own = { dispatchUnit: hotline, relations: ['order_dispatcher', 'holder'] } as unknown as Pick<OrderView, 'dispatchUnit' | 'relations'>;
    expect(studioOutOfReach(countyUnits, own)).toEqual({ ask: null });
    const retired = [...countyUnits, unit('studio', 'lawyer_studio', '新城区劳模律师调解工作室', { parentId: 'county', depth: 1, active: false })];
    expect(studioOutOfReach(retired, { dispatchUnit: null, relations: ['holder'] } as unknown as Pick<OrderView, 'dispatchUnit' | 'relations'>)).toEqual({
      ask: null,
    });
  });

  it('is said in the county’s 邀请协办 dialog, naming whom to ask, instead of the studio silently missing from the picker', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ items: countyUnits, total: countyUnits.length }), { headers: { 'content-type': 'application/json' } })),
    );
    const order = {
      id: 'o1',
      version: 3,
      allowedActions: ['invite_co_handler'],
      holderUnit: { id: 'county', name: '新城区总工会' },
      coHandlers: [],
      ...atCounty,
    } as unknown as OrderView;
    render(
      <I18nProvider initial="zh">
        <App>
          <ActionDialog spec={actionSpecs.invite_co_handler as ActionSpec} order={order} onClose={vi.fn()} onDone={vi.fn()} onConflict={vi.fn()} />
        </App>
      </I18nProvider>,
    );
    await screen.findByText(
      '劳模律师调解工作室属上级工会，不在本单位可邀请的范围内；双方同意调解、需要工作室协办的，请报请交办单位（内蒙古自治区总工会12351热线服务中心）邀请。',
      {},
      // Said once the units are read; a loaded machine may take a while to render antd's dialog first.
      { timeout: 15_000 },
    );
  });
});
