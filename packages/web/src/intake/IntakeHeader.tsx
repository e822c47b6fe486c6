import { PhoneOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useT } from '../i18n/i18n.js';
import { CallTimer } from './CallTimer.js';
import { AgentStateSelect } from '../calls/AgentStateSelect.js';
import { useCurrent } from '../auth/session.js';

/** The console's title: what it is and how long this call has lasted. */
export function IntakeTitle({ startedAt, onStart }: { startedAt: number | null; onStart: () => void }) {
  const t = useT();
  // A seat's state is an agent's: a dispatcher taking a call at the console has no seat on the wallboard.
  const { role } = useCurrent();
  return (
    <Space size={16}>
      <PhoneOutlined />
      <span>{t('受理台')}</span>
      <CallTimer startedAt={startedAt} onStart={onStart} />
      {role === 'agent' ? <AgentStateSelect /> : null}
    </Space>
  );
}

/** Next call and save, each with the shortcut that does the same from the keyboard. */
export function IntakeButtons({ saving, closesOnSpot, onNew, onSave }: { saving: boolean; closesOnSpot: boolean; onNew: () => void; onSave: () => void }) {
  const t = useT();
  return (
    <Space>
      <Tooltip title="Alt+N">
        <Button onClick={onNew}>
          {t('新来电')}
          <span className="intake-shortcut"> (Alt+N)</span>
        </Button>
      </Tooltip>
      <Tooltip title="Ctrl+Enter">
        <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={onSave}>
          {closesOnSpot ? t('保存并办结') : t('保存工单')}
          <span className="intake-shortcut"> (Ctrl+Enter)</span>
        </Button>
      </Tooltip>
    </Space>
  );
}

export function ShortcutHelp() {
  const t = useT();
  return (
    <div className="shortcut-help muted small">
      <div>
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('保存')} · <kbd>Alt</kbd>+<kbd>N</kbd> {t('新来电')}
      </div>
      <div>{t('表单内容自动保存在本机，刷新页面不会丢失')}</div>
    </div>
  );
}
