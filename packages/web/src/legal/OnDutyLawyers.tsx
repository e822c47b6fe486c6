import { App, Button, Input, Modal, Popover, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { lawyersApi, type OnDutyLawyer } from '../api/lawyers.js';
import { useT } from '../i18n/i18n.js';
import { counted, lengthProblem } from '../shared/counted.js';
import { useLoad } from '../shell/use-load.js';

/**
 * Today's lawyers on duty (律师座席), for the agent at the console: names, firms and phones, and when a call or an
 * order is at hand, a transfer to one of them (the first by default).
 */
export function OnDutyLawyers({ callId, orderId, onTransferred }: { callId?: string | null; orderId?: string | null; onTransferred?: () => void }) {
  const t = useT();
  const shifts = useLoad((signal) => lawyersApi.shifts({}, signal), []);
  const onDuty = shifts.data?.onDuty ?? [];
  if (shifts.loading && !shifts.data) return null;
  return (
    <Space size={4} wrap className="on-duty-lawyers" data-testid="on-duty-lawyers">
      <span className="muted small">{t('{label}：', { label: t('今日值班律师') })}</span>
      {onDuty.length === 0 && <span className="muted small">{t('今日无值班律师')}</span>}
      {onDuty.map((l) => (
        <Popover key={l.id} content={`${l.firm} · ${l.phone}`}>
          <Tag color="purple">{l.name}</Tag>
        </Popover>
      ))}
      {onDuty.length > 0 && (callId || orderId) && (
        <TransferToLawyerButton lawyers={onDuty} callId={callId ?? null} orderId={orderId ?? null} {...(onTransferred ? { onTransferred } : {})} />
      )}
    </Space>
  );
}

export function TransferToLawyerButton({
  lawyers,
  callId,
  orderId,
  onTransferred,
}: {
  lawyers: OnDutyLawyer[];
  callId: string | null;
  orderId: string | null;
  onTransferred?: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [lawyerId, setLawyerId] = useState<string | undefined>(lawyers[0]?.id);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const tooLong = lengthProblem(t, '转律师说明', note, 500);
  const submit = async () => {
    if (tooLong) return;
    setBusy(true);
    try {
      const r = await lawyersApi.transfer({
        ...(lawyerId ? { lawyerId } : {}),
        ...(callId ? { callId } : {}),
        ...(orderId ? { orderId } : {}),
        note,
      });
      message.success(t('已转值班律师 {name}', { name: r.lawyer.name }));
      setOpen(false);
      setNote('');
      onTransferred?.();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="transfer-to-lawyer">
        {t('转值班律师')}
      </Button>
      <Modal
        open={open}
        title={t('转值班律师')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okButtonProps={{ loading: busy, disabled: note.trim().length < 2 }}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            style={{ width: '100%' }}
            value={lawyerId}
            onChange={setLawyerId}
            options={lawyers.map((l) => ({ value: l.id, label: `${l.name}（${l.firm}）` }))}
          />
          <Input.TextArea
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('请简述来电人咨询的法律问题')}
            count={counted(500, true)}
            status={tooLong ? 'error' : undefined}
          />
          {tooLong && <Typography.Text type="danger">{tooLong}</Typography.Text>}
        </Space>
      </Modal>
    </>
  );
}
