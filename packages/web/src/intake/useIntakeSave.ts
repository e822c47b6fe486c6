import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import { ordersApi } from '../api/orders.js';
import type { OrderSummary, OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { attachFieldAlias, clearDraft, type IntakeValues, serverFieldAlias, toCaller, toCreateBody } from './intake-form.js';

export type Saved = { order: OrderView; kind: 'created' | 'attached'; endedAt: number };

/**
 * The two ways a call ends in an order: a new order, or this caller attached to an open order the hints found.
 * Server field errors land on their fields; what has no field is returned as `problems` for the banner.
 */
export function useIntakeSave(
  form: FormInstance<IntakeValues>,
  userId: string,
  callKey: string,
  onStale: () => void,
  onCreated?: (order: OrderView) => void,
  /** Either way the call ended in an order (created or attached to): the call is linked to it. */
  onSaved?: (order: OrderView) => void,
) {
  const t = useT();
  const { message } = App.useApp();
  const [saved, setSaved] = useState<Saved | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [attachingId, setAttachingId] = useState<string | null>(null);

  /** `then` continues with the new order before the call counts as saved (answering it with an article). */
  const submit = useCallback(
    async (then?: (order: OrderView) => Promise<OrderView>) => {
      if (saved || saving) return;
      setProblems([]);
      try {
        await form.validateFields();
      } catch {
        message.warning(t('请先补全标红的项目'));
        return;
      }
      setSaving(true);
      try {
        const created = await ordersApi.create(toCreateBody(form.getFieldsValue(true) as IntakeValues), callKey);
        const order = then ? await then(created) : created;
        clearDraft(userId);
        setSaved({ order, kind: 'created', endedAt: Date.now() });
        onCreated?.(order);
        onSaved?.(order);
        message.success(t('已生成工单 {number}', { number: order.number }));
      } catch (e) {
        setProblems(applyServerErrors(form, e, serverFieldAlias));
        message.error(e instanceof ApiError && e.code === 'VALIDATION_FAILED' ? t('有项目未通过校验，请按提示修改') : (e as Error).message);
      } finally {
        setSaving(false);
      }
    },
    [callKey, form, message, saved, saving, t, userId, onCreated, onSaved],
  );

  const attach = useCallback(
    async (o: OrderSummary) => {
      try {
        await form.validateFields([
          ['callers', 0, 'name'],
          ['callers', 0, 'phone'],
        ]);
      } catch {
        message.warning(t('追加前请先填写来电人姓名和电话'));
        return;
      }
      const v = form.getFieldsValue(true) as IntakeValues;
      setAttachingId(o.id);
      try {
        const order = await ordersApi.attachCaller(o.id, {
          version: o.version,
          caller: toCaller(v.callers[0] ?? {}),
          channel: v.channel,
          ...(v.riskFlags.length ? { riskFlags: v.riskFlags } : {}),
          ...(typeof v.workersInvolved === 'number' ? { workersInvolved: v.workersInvolved } : {}),
          ...(typeof v.amountInvolved === 'number' ? { amountInvolved: v.amountInvolved } : {}),
          ...(v.narrative?.trim() ? { note: v.narrative.trim().slice(0, 1000) } : {}),
        });
        clearDraft(userId);
        setSaved({ order, kind: 'attached', endedAt: Date.now() });
        onSaved?.(order);
        message.success(t('来电人已追加到工单 {number}', { number: order.number }));
      } catch (e) {
        if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
          message.warning(t('该工单刚被他人修改，已刷新提示，请再试一次'));
          onStale();
        } else {
          // A number already on the order (409) or an ID number born after today (400) is marked on its field.
          setProblems(applyServerErrors(form, e, attachFieldAlias));
          message.error((e as Error).message);
        }
      } finally {
        setAttachingId(null);
      }
    },
    [form, message, onStale, t, userId, onSaved],
  );

  const reset = useCallback(() => {
    setSaved(null);
    setProblems([]);
  }, []);

  return { saved, problems, saving, attachingId, submit, attach, reset };
}
