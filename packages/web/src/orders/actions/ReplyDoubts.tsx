import { Alert, Checkbox, Form, Tag, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import type { OrderView } from '../../api/types.js';
import { useT, type T } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import {
  amountRecoveredLimit,
  amountRecoveredProblem,
  doubtsAbout,
  doubtsToExplain,
  maxWorkersHelped,
  unconfirmedDoubts,
  workersHelpedProblem,
  type ReplyDoubt,
} from './reply-doubts.js';

export const replyDoubtLabels: Record<ReplyDoubt, string> = {
  amount_above_involved: '追回金额远超涉及金额',
  workers_above_involved: '帮助人数超过涉及人数',
  measures_too_short: '办理措施过于简短',
  measures_boilerplate: '办理措施只是套话',
};

type ReplyValues = { measures?: unknown; amountRecovered?: unknown; workersHelped?: unknown; confirmDoubts?: unknown };

/** The doubts of the reply as typed, on the server's rules. */
export const doubtsOfForm = (order: OrderView, v: ReplyValues): ReplyDoubt[] =>
  doubtsAbout(
    {
      measures: typeof v.measures === 'string' ? v.measures : '',
      amountRecovered: Number(v.amountRecovered ?? 0),
      workersHelped: Number(v.workersHelped ?? 0),
    },
    order,
  );

/** What the reply confirms: the figures' doubts the handler was shown, once the box is ticked. */
export const confirmedDoubtsOf = (order: OrderView, v: ReplyValues): ReplyDoubt[] => (v.confirmDoubts ? unconfirmedDoubts(doubtsOfForm(order, v), []) : []);

/**
 * The figures' bounds as field rules: a number out of range is refused with a message under the field, never changed
 * (the InputNumber has no min/max of its own: antd's clamped 999999999999 to 1000 亿 and -5 to 0 without a word).
 */
export const amountRecoveredRules = (order: OrderView, t: T): Rule[] => [
  {
    validator: async (_r, v: number | null | undefined) => {
      const problem = v === null || v === undefined ? null : amountRecoveredProblem(v, order);
      if (!problem) return;
      const limit = amountRecoveredLimit(order);
      throw new Error(
        v! > limit ? t('追回金额不能超过 {max} 元，请核实是否多输了位数', { max: limit.toLocaleString('en-US', { maximumFractionDigits: 2 }) }) : t(problem),
      );
    },
  },
];

export const workersHelpedRules = (t: T): Rule[] => [
  {
    validator: async (_r, v: number | null | undefined) => {
      const problem = v === null || v === undefined ? null : workersHelpedProblem(v);
      if (problem) throw new Error(v! > maxWorkersHelped ? t('帮助人数不能超过 {max} 人', { max: maxWorkersHelped }) : t(problem));
    },
  },
];

/**
 * While the handler types the reply: what the reviewer will see flagged, said before submitting. A doubt about the
 * figures also asks for the handler's confirmation (a box to tick): the server refuses the reply without it.
 */
export function ReplyDoubtsWarning({ order, form }: { order: OrderView; form: FormInstance }) {
  const t = useT();
  const measures = (Form.useWatch('measures', form) as string | undefined) ?? '';
  const amountRecovered = Number(Form.useWatch('amountRecovered', form) ?? 0);
  const workersHelped = Number(Form.useWatch('workersHelped', form) ?? 0);
  // Nothing typed yet is not a doubt worth shouting about.
  if (!measures.trim() && !amountRecovered && !workersHelped) return null;
  const doubts = doubtsOfForm(order, { measures, amountRecovered, workersHelped });
  if (!doubts.length) return null;
  const toConfirm = unconfirmedDoubts(doubts, []);
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="reply-doubts"
        title={t('请核实：{list}。审核人会看到这些提示。', {
          list: joinList(
            t,
            doubts.map((d) => t(replyDoubtLabels[d])),
            '；',
          ),
        })}
        description={t('工单登记：涉及 {workers} 人、金额 {amount} 元', {
          workers: order.workersInvolved ?? '—',
          amount: order.amountInvolved?.toLocaleString('zh-CN') ?? '—',
        })}
      />
      {toConfirm.length > 0 && (
        <Form.Item
          name="confirmDoubts"
          valuePropName="checked"
          rules={[
            {
              validator: async (_r, checked: boolean | undefined) => {
                if (!checked) throw new Error(t('数字存疑，请核实后勾选确认；这些数字将计入追回金额与帮助职工统计'));
              },
            },
          ]}
        >
          <Checkbox data-testid="reply-confirm-doubts">
            {t('我已核实，确认{list}属实', {
              list: joinList(
                t,
                toConfirm.map((d) => t(replyDoubtLabels[d])),
              ),
            })}
          </Checkbox>
        </Form.Item>
      )}
    </>
  );
}

/** For the reviewer: why accepting this reply needs a comment (its figures are in doubt), or null. */
export function reviewCommentReason(order: OrderView): ReplyDoubt[] {
  return doubtsToExplain(order.outcome?.doubts as ReplyDoubt[] | undefined);
}

/** For the reviewer: each doubt the reply was given with, as a red tag. */
export function ReplyDoubtTags({ doubts }: { doubts: readonly string[] | undefined }) {
  const t = useT();
  if (!doubts?.length) return null;
  return (
    <span data-testid="reply-doubt-tags">
      {doubts.map((d) => (
        <Tag key={d} color="red" variant="outlined">
          {t('存疑')}：{t(replyDoubtLabels[d as ReplyDoubt] ?? d)}
        </Tag>
      ))}
    </span>
  );
}
