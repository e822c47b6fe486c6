import { Typography } from 'antd';
import { useT } from '../../i18n/i18n.js';
import { type Job, jobFailureText } from './job-labels.js';

/**
 * A job's last error as the administrator reads it: the kind of failure in words (what went wrong, who acts on it),
 * and under it the message itself — in the list cut to two lines with the whole in a tooltip, in the job's details
 * whole. '—' for none.
 */
export function JobError({ job, whole = false }: { job: Pick<Job, 'lastError' | 'lastErrorKind'>; whole?: boolean }) {
  const t = useT();
  const f = jobFailureText(job);
  if (!f) return <>—</>;
  return (
    <div data-testid="job-error">
      {f.words && (
        <Typography.Text type="danger" strong data-testid="job-error-kind">
          {t(f.words)}
        </Typography.Text>
      )}
      {whole ? (
        <Typography.Paragraph type={f.words ? 'secondary' : 'danger'} style={{ margin: 0, whiteSpace: 'pre-wrap' }} copyable data-testid="job-error-detail">
          {f.detail}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph
          type={f.words ? 'secondary' : 'danger'}
          ellipsis={{ rows: 2, tooltip: f.detail }}
          style={{ margin: 0 }}
          className="small"
          data-testid="job-error-detail"
        >
          {f.detail}
        </Typography.Paragraph>
      )}
    </div>
  );
}
