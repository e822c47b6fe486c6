import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import type { IvrConfig, IvrNode } from '../../api/lawyers.js';
import { useT } from '../../i18n/i18n.js';
import { nextNodeId, removeNode, allKeys } from '../ivr-tree.js';
import { kindLabels } from './labels.js';

/** One node of the voice menu: its kind, prompt, queue or number, a menu's keys, and adding or removing below it. */
export function IvrNodeCard({
  config,
  node,
  onChange,
  onSelect,
}: {
  config: IvrConfig;
  node: IvrNode | undefined;
  onChange: (c: IvrConfig) => void;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const patchNode = (id: string, patch: Partial<IvrNode>) => onChange({ ...config, nodes: config.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)) });
  const addChild = (parent: IvrNode) => {
    const free = allKeys.find((k) => !(parent.keys ?? []).some((x) => x.key === k));
    if (!free) return;
    const id = nextNodeId(config, parent.id);
    onChange({
      ...config,
      nodes: [
        ...config.nodes.map((n) => (n.id === parent.id ? { ...n, keys: [...(n.keys ?? []), { key: free, to: id }] } : n)),
        { id, kind: 'queue', prompt: '正在为您转接人工坐席，请稍候。', queue: 'general' },
      ],
    });
    onSelect(id);
  };
  return (
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
          {node.kind === 'queue' && <Input addonBefore={t('队列')} value={node.queue ?? ''} onChange={(e) => patchNode(node.id, { queue: e.target.value })} />}
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
                    <Button type="link" size="small" onClick={() => onSelect(to)}>
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
                  onChange(removeNode(config, node.id));
                  onSelect(config.root);
                }}
              >
                {t('删除节点及其下级')}
              </Button>
            )}
          </Space>
        </Space>
      )}
    </Card>
  );
}
