import { App, Button, List, Popconfirm, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type ArticleFile, knowledgeApi } from '../api/knowledge.js';
import { useT } from '../i18n/i18n.js';

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** Files an editor attaches to an article (PDF, pictures, Word, Excel; 10 MB each): uploaded at once, removable. */
export function ArticleFiles({ articleId, files, onChanged }: { articleId: string; files: ArticleFile[]; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      await knowledgeApi.uploadFile(articleId, file);
      message.success(t('附件已上传'));
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (fileId: string) => {
    try {
      await knowledgeApi.deleteFile(articleId, fileId);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <div className="article-files" data-testid="article-files">
      <Upload
        showUploadList={false}
        accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button loading={busy}>{t('上传附件')}</Button>
      </Upload>
      <span className="small muted" style={{ marginLeft: 8 }}>
        {t('PDF、图片、Word、Excel，每个不超过 10 MB')}
      </span>
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: t('暂无附件') }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Popconfirm key="rm" title={t('删除此附件？')} onConfirm={() => void remove(f.id)}>
                <Button size="small" type="link" danger>
                  {t('删除')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <a href={knowledgeApi.fileUrl(articleId, f.id)} download={f.name}>
              {f.name}
            </a>
            <span className="small muted">{kb(f.size)}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
