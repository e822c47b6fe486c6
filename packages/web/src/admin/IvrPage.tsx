import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, InputNumber, Modal, Select, Space, Table, TimePicker, Tree, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { ivrApi, type IvrConfig, type IvrNode } from '../api/lawyers.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { ivrTree, nextNodeId, removeNode, allKeys } from './ivr-tree.js';

const kindLabels: Record<IvrNode['kind'], string> = {
  menu: '菜单（按键选择）',
  queue: '转人工排队',
  lawyer: '转值班律师',
  message: '播报后挂机',
  voicemail: '留言',
  transfer: '转接外线',
};

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
  const patchNode = (id: string, patch: Partial<IvrNode>) => setConfig({ ...config, nodes: config.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)) });
  const addChild = (parent: IvrNode) => {
    const free = allKeys.find((k) => !(parent.keys ?? []).some((x) => x.key === k));
    if (!free) return;
    const id = nextNodeId(config, parent.id);
    setConfig({
      ...config,
      nodes: [
        ...config.nodes.map((n) => (n.id === parent.id ? { ...n, keys: [...(n.keys ?? []), { key: free, to: id }] } : n)),
        { id, kind: 'queue', prompt: '正在为您转接人工坐席，请稍候。', queue: 'general' },
      ],
    });
    setSelected(id);
  };
  const save = async () => {
    setSaving(true);
    try {
      await ivrApi.save({ version: loaded.data!.version, config, ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(t('语音导航已保存'));
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
  const h = config.hours;
  const o = config.overflow;
  const nodeOptions = config.nodes.map((n) => ({ value: n.id, label: n.id }));
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
        <Card size="small" title={node ? t('节点 {id}', { id: node.id }) : t('节点')} style={{ flex: '2 1 420px' }}>
          {node && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                value={node.kind}
                style={{ width: 220 }}
                onChange={(kind) => patchNode(node.id, { kind, ...(kind === 'menu' ? { keys: node.keys ?? [] } : { keys: undefined }) })}
                options={Object.entries(kindLabels).map(([k, l]) => ({ value: k, label: t(l) }))}
                aria-label={t('节点类型')}
              />
              <Input.TextArea rows={3} value={node.prompt} onChange={(e) => patchNode(node.id, { prompt: e.target.value })} aria-label={t('提示语')} />
              {node.kind === 'queue' && (
                <Input addonBefore={t('队列')} value={node.queue ?? ''} onChange={(e) => patchNode(node.id, { queue: e.target.value })} />
              )}
              {node.kind === 'transfer' && (
                <Input addonBefore={t('转接号码')} value={node.number ?? ''} onChange={(e) => patchNode(node.id, { number: e.target.value })} />
              )}
              {node.kind === 'menu' && (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="to"
                  dataSource={node.keys ?? []}
                  columns={[
                    {
                      title: t('按键'),
                      dataIndex: 'key',
                      render: (k: string, _r, i) => (
                        <Select
                          value={k}
                          style={{ width: 70 }}
                          options={allKeys.map((x) => ({ value: x, label: x }))}
                          onChange={(v) => patchNode(node.id, { keys: (node.keys ?? []).map((x, j) => (j === i ? { ...x, key: v } : x)) })}
                        />
                      ),
                    },
                    {
                      title: t('去往'),
                      dataIndex: 'to',
                      render: (to: string) => (
                        <Button type="link" size="small" onClick={() => setSelected(to)}>
                          {to}
                        </Button>
                      ),
                    },
                  ]}
                />
              )}
              <Space>
                {node.kind === 'menu' && (
                  <Button icon={<PlusOutlined />} onClick={() => addChild(node)} data-testid="ivr-add-key">
                    {t('添加按键')}
                  </Button>
                )}
                {node.id !== config.root && (
                  <Button
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => {
                      setConfig(removeNode(config, node.id));
                      setSelected(config.root);
                    }}
                  >
                    {t('删除节点及其下级')}
                  </Button>
                )}
              </Space>
            </Space>
          )}
        </Card>
      </div>
      <Card size="small" title={t('人工服务时间与溢出')} style={{ marginTop: 12 }}>
        <Space wrap>
          <Select
            value={h.days}
            style={{ width: 120 }}
            onChange={(days) => setConfig({ ...config, hours: { ...h, days } })}
            options={[
              { value: 'all', label: t('每天') },
              { value: 'workdays', label: t('工作日') },
            ]}
          />
          {h.periods.map((p, i) => (
            <TimePicker.RangePicker
              key={`${p.start}-${i}`}
              format="HH:mm"
              allowClear={false}
              value={[dayjs(`2000-01-01T${p.start === '24:00' ? '23:59' : p.start}`), dayjs(`2000-01-01T${p.end === '24:00' ? '23:59' : p.end}`)]}
              onChange={(v) => {
                if (!v?.[0] || !v[1]) return;
                const end = v[1].format('HH:mm') === '23:59' ? '24:00' : v[1].format('HH:mm');
                setConfig({ ...config, hours: { ...h, periods: h.periods.map((x, j) => (j === i ? { start: v[0]!.format('HH:mm'), end } : x)) } });
              }}
            />
          ))}
          <span>{t('非服务时间')}</span>
          <Select
            allowClear
            value={h.afterHours ?? undefined}
            style={{ width: 140 }}
            options={nodeOptions}
            onChange={(v) => setConfig({ ...config, hours: { ...h, afterHours: v ?? null } })}
          />
        </Space>
        <Space wrap style={{ marginTop: 8 }}>
          <span>{t('最长等待（秒）')}</span>
          <InputNumber min={10} max={1800} value={o.maxWaitSeconds} onChange={(v) => v && setConfig({ ...config, overflow: { ...o, maxWaitSeconds: v } })} />
          <span>{t('最多排队')}</span>
          <InputNumber min={1} max={500} value={o.maxQueued} onChange={(v) => v && setConfig({ ...config, overflow: { ...o, maxQueued: v } })} />
          <span>{t('溢出后')}</span>
          <Select
            value={o.action}
            style={{ width: 140 }}
            onChange={(action) => setConfig({ ...config, overflow: { ...o, action } })}
            options={[
              { value: 'callback', label: t('登记回拨') },
              { value: 'voicemail', label: t('留言') },
              { value: 'transfer', label: t('转接外线') },
            ]}
          />
          {o.action === 'transfer' && (
            <Input
              style={{ width: 140 }}
              placeholder={t('转接号码')}
              value={o.transferNumber ?? ''}
              onChange={(e) => setConfig({ ...config, overflow: { ...o, transferNumber: e.target.value || null } })}
            />
          )}
        </Space>
      </Card>
      <Space style={{ marginTop: 12 }} wrap>
        <Input style={{ width: 320 }} placeholder={t('本次修改说明（可选）')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
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
