import { Alert, Button, type FormInstance } from 'antd';
import { mediationApi } from '../api/legal.js';
import { useI18n } from '../i18n/i18n.js';
import { formatMoney } from '../shared/format.js';
import { useLoad } from '../shell/use-load.js';

/**
 * In the reply dialog: when the order was mediated to an agreement, its outcome (amount recovered — what has been
 * paid, or the agreed sum — and workers helped) is offered for the reply with one click, so the figures counted for
 * the order are the mediation's, not retyped.
 */
export function MediationReplyHint({ orderId, form }: { orderId: string; form: FormInstance }) {
  const { t, lang } = useI18n();
  const cases = useLoad(() => mediationApi.list(orderId), [orderId]);
  const agreed = cases.data?.items.find((c) => c.suggestedReply && c.agreement);
  if (!agreed?.suggestedReply || !agreed.agreement) return null;
  const { amountRecovered, workersHelped } = agreed.suggestedReply;
  const fill = () => {
    const measures = String(form.getFieldValue('measures') ?? '').trim();
    const summary = t('经{unit}调解，双方达成调解协议：{terms}', { unit: agreed.unit.name, terms: agreed.agreement!.terms.replace(/\s+/g, ' ') });
    form.setFieldsValue({ amountRecovered, workersHelped, measures: measures ? measures : summary });
  };
  return (
    <Alert
      className="mediation-reply-hint"
      type="success"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('本工单已调解达成协议：追回 {amount}，帮助 {n} 人', { amount: formatMoney(amountRecovered, lang), n: workersHelped })}
      action={
        <Button size="small" onClick={fill}>
          {t('按调解结果填写')}
        </Button>
      }
    />
  );
}
