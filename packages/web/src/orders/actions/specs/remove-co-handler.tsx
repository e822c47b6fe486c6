import { ordersApi } from '../../../api/orders.js';
import type { CoHandler } from '../../../api/types.js';
import type { ActionSpec } from '../ActionDialog.js';
import { TextField } from '../fields.js';

/** 移除协办: built for the one co-handler whose row was clicked, so the dialog names it. */
export function removeCoHandlerSpec(c: CoHandler): ActionSpec {
  return {
    key: 'remove_co_handler',
    title: '移除协办',
    danger: true,
    intro: '移除后该单位不再参与办理，其已提交的反馈保留。',
    fields: ({ t }) => (
      <>
        <p>
          {t('{label}：', { label: t('协办单位') })}
          <strong>{c.unit.name}</strong>
        </p>
        <TextField name="reason" label="移除理由" required />
      </>
    ),
    submit: (o, v) => ordersApi.removeCoHandler(o.id, c.id, { version: o.version, reason: String(v.reason).trim() }),
  };
}
