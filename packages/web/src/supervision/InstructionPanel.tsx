import { Alert, App, Button, Card, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { instructionsApi } from '../api/supervision.js';
import type { OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { useLoad } from '../shell/use-load.js';

const wayNames = { dispatch: '派单交办', hotline: '热线直接办理', mediate: '调解处置' } as const;
/** The server's limit of an instruction (instructions.routes.ts). */
export const instructionMax = 1000;

/**
 * At the top of the order: the emergency banner (with the way chosen), what instruction the order waits for
 * (Shaanxi's rule), the leaders' instructions and, where the server allows it, writing or acknowledging one.
 * Each of these moves the order on (its version, its allowed actions): `onChanged` must reload the order itself.
 */
export function InstructionPanel({ order, onChanged }: { order: OrderView; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const data = useLoad(() => instructionsApi.list(order.id), [order.id, order.version]);
  const [text, setText] = useState('');
  const [way, setWay] = useState<keyof typeof wayNames>('dispatch');
  const [busy, setBusy] = useState(false);
  const can = (a: string) => (order.allowedActions as string[]).includes(a);
  const d = data.data;
  if (!d) return null;
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await f();
      setText('');
      data.reload();
      onChanged();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const show = d.emergency || d.awaited || d.items.length > 0 || can('add_instruction');
  // Counted, not cut: a pasted instruction over the limit stays whole and is marked, the leader shortens it.
  const tooLong = text.length > instructionMax;
  // The list, reloaded at once, shows what is still to acknowledge; the order's allowed actions follow with its reload.
  const toAcknowledge = can('acknowledge_instruction') && d.items.some((i) => !i.acknowledged);
  if (!show) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="instruction-panel">
      {d.emergency && (
        <Alert
          type="error"
          showIcon
          message={t('应急工单：已进入应急机制（危、众、多、大、隐或重大），每个工作日须报告进展')}
          description={
            <Space wrap>
              {d.emergencyWays[0] ? <Tag color="red">{t(wayNames[d.emergencyWays[0].way])}</Tag> : <span>{t('尚未记录处置方式')}</span>}
              {can('record_emergency_way') && (
                <>
                  <Select
                    size="small"
                    value={way}
                    onChange={setWay}
                    options={Object.entries(wayNames).map(([value, label]) => ({ value, label: t(label) }))}
                    style={{ width: 150 }}
                  />
                  <Button size="small" loading={busy} onClick={() => run(() => instructionsApi.recordWay(order.id, { way }))}>
                    {t('记录处置方式')}
                  </Button>
                </>
              )}
            </Space>
          }
        />
      )}
      {d.awaited && (
        <Alert
          type="warning"
          showIcon
          message={d.awaited === 'provincial' ? t('待省总工会领导批示：批示后方可派单') : t('待承办单位主要领导批示：批示后方可办结反馈')}
        />
      )}
      {(d.items.length > 0 || can('add_instruction')) && (
        <Card size="small" title={t('领导批示')}>
          <List
            size="small"
            dataSource={d.items}
            locale={{ emptyText: t('暂无批示') }}
            renderItem={(i) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{i.text}</Typography.Text>
                  <span className="muted small">
                    {i.by.unitName} {i.by.name} · {formatTime(i.at)} {i.provincial && <Tag>{t('省级')}</Tag>}
                    {i.acknowledged ? <Tag color="green">{t('已确认')}</Tag> : <Tag color="orange">{t('待确认')}</Tag>}
                  </span>
                </Space>
              </List.Item>
            )}
          />
          {toAcknowledge && (
            <Button type="primary" loading={busy} onClick={() => run(() => instructionsApi.acknowledge(order.id))}>
              {t('确认批示')}
            </Button>
          )}
          {can('add_instruction') && (
            <>
              <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                <Input
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={t('批示内容')}
                  count={{ show: true, max: instructionMax }}
                  status={tooLong ? 'error' : undefined}
                  aria-label={t('批示内容')}
                  aria-invalid={tooLong}
                />
                <Button type="primary" disabled={!text.trim() || tooLong} loading={busy} onClick={() => run(() => instructionsApi.add(order.id, text.trim()))}>
                  {t('批示')}
                </Button>
              </Space.Compact>
              {tooLong && (
                <Typography.Text type="danger" role="alert">
                  {t('{label}不能超过 {max} 字', { label: t('批示内容'), max: instructionMax })}
                </Typography.Text>
              )}
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
