import { DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import type { OrderAction, OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { actionLabels } from '../shared/labels.js';

/** The loop's next step for this person: shown as the primary buttons. */
const primary: OrderAction[] = [
  'check_request',
  'dispatch',
  'handle_at_hotline',
  'sign',
  'reply',
  'review_accept',
  'return_redispatch',
  'decide_extension',
  'reopen',
  'reply_co_handler_part',
];
/** Everyday secondary actions: plain buttons. */
const secondary: OrderAction[] = [
  'add_note',
  'add_attachment',
  'return',
  'return_reject',
  'review_rework',
  'request_extension',
  'invite_co_handler',
  'archive',
  'urge',
  'unmerge',
];
/** Rare ones go under "更多". */
const rare: OrderAction[] = ['attach_caller', 'merge', 'link', 'invalidate'];
/** Shown elsewhere on the page: beside the callers and on each co-handler row. */
const inline: OrderAction[] = ['reveal_contact', 'remove_co_handler'];
/** Offered where the agent works it, not on the order page: answering with an article is done from the intake console's suggestions. */
export const offeredInIntake: OrderAction[] = ['answer_with_article'];
/** Offered in the instruction panel at the top of the order (supervision/InstructionPanel.tsx). */
export const offeredInInstructionPanel: OrderAction[] = ['add_instruction', 'acknowledge_instruction', 'record_emergency_way'];
const callbacks: OrderAction[] = ['callback_satisfied', 'callback_dissatisfied', 'callback_unreachable'];

export type ActionKey = OrderAction | 'callback';

/**
 * Exactly the actions the server allows this person now (allowedActions) — nothing is shown that would be refused.
 * The three callback outcomes are one dialog whose choices are limited to the allowed ones.
 */
export function visibleActions(allowed: readonly OrderAction[]): { primary: ActionKey[]; secondary: ActionKey[]; rare: ActionKey[] } {
  const has = (a: OrderAction) => allowed.includes(a);
  const hasCallback = callbacks.some(has);
  return {
    primary: [...primary.filter(has), ...(hasCallback ? (['callback'] as const) : [])],
    secondary: secondary.filter(has),
    rare: rare.filter(has),
  };
}

export const actionTitle = (a: ActionKey) => (a === 'callback' ? '回访' : actionLabels[a]);
export { inline as inlineActions };

export function ActionBar({ order, onAction }: { order: OrderView; onAction: (a: ActionKey) => void }) {
  const t = useT();
  const v = visibleActions(order.allowedActions);
  if (!v.primary.length && !v.secondary.length && !v.rare.length) return null;
  return (
    <Space wrap size={8} className="action-bar">
      {v.primary.map((a) => (
        <Button key={a} type="primary" onClick={() => onAction(a)} data-action={a}>
          {t(actionTitle(a))}
        </Button>
      ))}
      {v.secondary.map((a) => (
        <Button key={a} danger={a === 'return' || a === 'review_rework'} onClick={() => onAction(a)} data-action={a}>
          {t(actionTitle(a))}
        </Button>
      ))}
      {v.rare.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: v.rare.map((a) => ({ key: a, label: t(actionTitle(a)), danger: a === 'invalidate' })),
            onClick: ({ key }) => onAction(key as ActionKey),
          }}
        >
          <Button>
            {t('更多')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}
