import { FileProtectOutlined } from '@ant-design/icons';
import { Card, Space } from 'antd';
import { legalApi } from '../api/legal.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { LetterTable } from './LetterTable.js';

/** The supervision letters of the unions in the reader's reach; a leader approves drafts here. */
export default function LettersPage() {
  const t = useT();
  const letters = useLoad(() => legalApi.letters({}), []);
  return (
    <Card
      title={
        <Space>
          <FileProtectOutlined />
          {t('法律监督函')}
        </Space>
      }
    >
      {letters.error ? (
        <ErrorState error={letters.error} onRetry={letters.reload} />
      ) : (
        <LetterTable letters={letters.data?.items ?? []} loading={letters.loading} onChanged={letters.reload} showOrder />
      )}
    </Card>
  );
}
