import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { reviewsApi, type Circular } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { counted, lengthProblem } from '../shared/counted.js';
import { useSave } from '../shell/use-save.js';

/** 审核发布: the supervisor publishes a draft with optional remarks; the units named in it are told. */
export function PublishCircularDialog({ circular, onClose, onDone }: { circular: Circular | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [remarks, setRemarks] = useState('');
  const { saving, save } = useSave();
  const tooLong = lengthProblem(t, '按语', remarks, 2000);
  async function submit() {
    if (tooLong) return;
    const ok = await save(
      () => reviewsApi.publishCircular(circular!.id, { version: circular!.version, ...(remarks.trim() ? { remarks } : {}) }),
      t('通报已发布，已通知被通报单位'),
    );
    if (!ok) return;
    setRemarks('');
    onDone();
  }
  return (
    <Modal
      open={!!circular}
      title={t('审核发布 {month} 通报', { month: circular?.month ?? '' })}
      okText={t('发布')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('发布后通知被通报单位的领导和派单员，不能再重新生成。')}</Typography.Paragraph>
      <Input.TextArea
        rows={4}
        count={counted(2000, true)}
        status={tooLong ? 'error' : undefined}
        placeholder={t('按语（可选）')}
        value={remarks}
        onChange={(e) => setRemarks(e.target.value)}
      />
      {tooLong && <Typography.Text type="danger">{tooLong}</Typography.Text>}
    </Modal>
  );
}
