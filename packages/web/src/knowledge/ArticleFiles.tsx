import { Alert, App, Button, List, Popconfirm, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type ArticleFile, knowledgeApi } from '../api/knowledge.js';
import { useT } from '../i18n/i18n.js';

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * The files of the article's working version (PDF, pictures, Word, Excel; 10 MB each): uploaded at once, removable,
 * while the version is a draft. Files are part of a version: once it is submitted, approved or published they stay as
 * they are (the published version's files are what agents read), and a new draft starts from them.
 */
export function ArticleFiles({ articleId, files, locked, onChanged }: { articleId: string; files: ArticleFile[]; locked: boolean; onChanged: () => void }) {
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
      {locked ? (
        <Alert
          type="info"
          showIcon
          data-testid="article-files-locked"
          message={t('附件随版本审核和发布：本版本已提交审核或已发布，附件不能修改。请先保存为新草稿，再上传或删除附件。')}
        />
      ) : (
        <>
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
        </>
      )}
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: t('暂无附件') }}
        renderItem={(f) => (
          <List.Item
            actions={
              locked
                ? []
                : [
                    <Popconfirm key="rm" title={t('删除此附件？')} onConfirm={() => void remove(f.id)}>
                      <Button size="small" type="link" danger>
                        {t('删除')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
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
