import { Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { outboundApi, type PhoneTasks } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { counted, lengthProblem } from '../shared/counted.js';
import { useSave } from '../shell/use-save.js';

type Task = PhoneTasks['items'][number];

/** 记录结果: the call reached the unit (with its answer), or did not and stays in the queue to be called again. */
export function PhoneTaskOutcomeDialog({ task, onClose, onDone }: { task: Task | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [outcome, setOutcome] = useState<'done' | 'failed'>('done');
  const [note, setNote] = useState('');
  const { saving, save } = useSave();
  const tooLong = lengthProblem(t, '说明', note, 500);
  async function submit() {
    if (tooLong) return;
    const ok = await save(
      () => outboundApi.completePhoneTask(task!.id, { outcome, ...(note.trim() ? { note } : {}) }),
      outcome === 'done' ? t('已记录：已致电') : t('已记录未接通，任务留在队列中'),
    );
    if (!ok) return;
    setNote('');
    setOutcome('done');
    onDone();
  }
  return (
    <Modal
      open={!!task}
      title={t('致电 {unit}', { unit: task?.unit.name ?? '' })}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as 'done' | 'failed')}>
          <Radio value="done">{t('已致电，单位已知悉')}</Radio>
          <Radio value="failed">{t('未接通')}</Radio>
        </Radio.Group>
        <Input.TextArea
          rows={3}
          count={counted(500, true)}
          status={tooLong ? 'error' : undefined}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={outcome === 'done' ? t('单位的答复（可选）') : t('未接通的原因，如无人接听、号码错误')}
        />
        {tooLong && <Typography.Text type="danger">{tooLong}</Typography.Text>}
      </Space>
    </Modal>
  );
}
