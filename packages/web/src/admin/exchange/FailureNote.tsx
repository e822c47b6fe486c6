import { Tooltip, Typography } from 'antd';
import { useT } from '../../i18n/i18n.js';
import { failureText } from './failure-words.js';

/**
 * A stored error said in words (its kind, failure-words.ts), the system's detail kept for the administrator in the
 * tooltip (and on focus, for a keyboard); '—' for none.
 */
export function FailureNote({ kind, detail }: { kind: string | null | undefined; detail: string | null | undefined }) {
  const t = useT();
  const f = failureText(kind, detail);
  if (!f) return <>—</>;
  const words = (
    <Typography.Text type="danger" data-testid="failure-words">
      {t(f.words)}
    </Typography.Text>
  );
  if (!f.detail) return words;
  return (
    <Tooltip title={t('详情：{detail}', { detail: f.detail })}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the detail is read on focus as on hover */}
      <span tabIndex={0} data-detail={f.detail}>
        {words}
      </span>
    </Tooltip>
  );
}
