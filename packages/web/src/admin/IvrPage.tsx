import { Alert, App, Button, Card, Input, Modal, Space, Tree, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { ivrApi, type IvrConfig } from '../api/lawyers.js';
import { useT } from '../i18n/i18n.js';
import { counted, lengthProblem } from '../shared/counted.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { invalidateReference } from '../shared/reference.js';
import { ivrTree } from './ivr-tree.js';
import { IvrHoursCard } from './ivr/IvrHoursCard.js';
import { IvrNodeCard } from './ivr/IvrNodeCard.js';
import { IvrQueuesCard, queueNameProblems } from './ivr/IvrQueuesCard.js';
import { kindLabels } from './ivr/labels.js';

/** 语音导航: the voice menu as a tree a supervisor edits (prompts, keys, what each leaf does), hours and overflow. */
export default function IvrPage() {
  const t = useT();
  const { message } = App.useApp();
  const loaded = useLoad(() => ivrApi.get(), []);
  const [config, setConfig] = useState<IvrConfig | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [problems, setProblems] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.data) {
      setConfig(loaded.data.config);
      setSelected(loaded.data.config.root);
    }
  }, [loaded.data]);
  const tree = useMemo(() => (config ? ivrTree(config, (n) => `${n.id} · ${t(kindLabels[n.kind])}`) : []), [config, t]);
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data || !config) return <Loading />;
  const node = config.nodes.find((n) => n.id === selected);
  const save = async () => {
    // Refused here with the server's words rather than cut where typed (the server stays the judge).
    const tooLong = [lengthProblem(t, '修改说明', note.trim(), 200), ...queueNameProblems(t, config.queues)].filter((p): p is string => !!p);
    if (tooLong.length) {
      setProblems(tooLong);
      return;
    }
    setSaving(true);
    try {
      await ivrApi.save({ version: loaded.data!.version, config, ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(t('语音导航已保存'));
      // The queues' names the desk reads come from the saved menu.
      invalidateReference('queues');
      setProblems([]);
      setNote('');
      loaded.reload();
    } catch (e) {
      setProblems(
        e instanceof ApiError && e.fields.length ? e.fields.map((f) => `${f.field.replace(/^body\.config\./, '')}：${f.message}`) : [(e as Error).message],
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <div data-testid="ivr-editor">
      <Typography.Title level={4}>
        {t('语音导航')}{' '}
        <Typography.Text type="secondary">
          {t('版本 {v}', { v: loaded.data.version })} {loaded.data.savedByName ? `· ${loaded.data.savedByName}` : t('· 内置起始配置')}
        </Typography.Text>
      </Typography.Title>
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('配置有问题，未保存')} description={problems.map((p) => <div key={p}>{p}</div>)} />
      )}
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Card size="small" title={t('导航树')} style={{ flex: '1 1 320px' }}>
          <Tree treeData={tree} selectedKeys={[selected]} defaultExpandAll onSelect={(k) => k[0] && setSelected(String(k[0]))} key={config.nodes.length} />
        </Card>
        <IvrNodeCard config={config} node={node} onChange={setConfig} onSelect={setSelected} />
      </div>
      <IvrHoursCard config={config} onChange={setConfig} />
      <IvrQueuesCard config={config} onChange={setConfig} />
      <Space style={{ marginTop: 12 }} wrap>
        {/* Counted, not cut: a longer note stays whole, turns red, and the save is refused with the server's words. */}
        <Input
          style={{ width: 320 }}
          placeholder={t('本次修改说明（可选）')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          count={counted(200)}
          status={lengthProblem(t, '修改说明', note.trim(), 200) ? 'error' : undefined}
          title={lengthProblem(t, '修改说明', note.trim(), 200) ?? undefined}
        />
        <Button type="primary" loading={saving} onClick={save} data-testid="ivr-save">
          {t('保存为新版本')}
        </Button>
        <Button
          onClick={() =>
            ivrApi.export().then(
              (x) => setExported(JSON.stringify(x, null, 2)),
              (e) => message.error((e as Error).message),
            )
          }
        >
          {t('查看导出（话务系统读取）')}
        </Button>
      </Space>
      <Card size="small" title={t('版本记录')} style={{ marginTop: 12 }}>
        {loaded.data.history.map((v) => (
          <div key={v.version} className="small">
            {t('版本 {v}', { v: v.version })} · {v.savedByName} · {dayjs(v.savedAt).format('YYYY-MM-DD HH:mm')} {v.note ? `· ${v.note}` : ''}
          </div>
        ))}
        {loaded.data.history.length === 0 && <span className="muted">{t('尚未保存过，当前为内置起始配置')}</span>}
      </Card>
      <Modal open={!!exported} onCancel={() => setExported(null)} footer={null} title="hotline-ivr/1" width={720}>
        <pre style={{ maxHeight: 480, overflow: 'auto', fontSize: 12 }}>{exported}</pre>
      </Modal>
    </div>
  );
}
