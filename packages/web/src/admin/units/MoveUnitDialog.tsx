import { Alert, App, Modal, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { unitsApi } from '../../api/admin.js';
import type { Unit } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { buildUnitTree, subtreeIds } from '../../shared/unit-tree.js';

/** Moves a unit with its whole subtree under another active union unit (not into its own subtree). */
export function MoveUnitDialog({ unit, units, onClose, onDone }: { unit: Unit; units: Unit[]; onClose: () => void; onDone: (u: Unit) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [parentId, setParentId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const blocked = useMemo(() => subtreeIds(units, unit.id), [units, unit.id]);
  const tree = useMemo(
    () =>
      buildUnitTree(
        units.filter((u) => !u.external),
        { disable: (u) => blocked.has(u.id) || !u.active || u.id === unit.parentId },
      ),
    [units, blocked, unit.parentId],
  );
  const submit = async () => {
    if (!parentId) return setProblem(t('请选择新的上级单位'));
    setBusy(true);
    try {
      const u = await unitsApi.move(unit.id, { version: unit.version, parentId });
      message.success(t('已移动'));
      onDone(u);
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('移动 {name}', { name: unit.name })} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('连同全部下级单位一起移动到新的上级单位之下')} />
      {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} />}
      <TreeSelect
        treeData={tree}
        value={parentId}
        onChange={(v: string) => (setParentId(v), setProblem(null))}
        showSearch={{ treeNodeFilterProp: 'title' }}
        style={{ width: '100%' }}
        placeholder={t('新的上级单位')}
        treeDefaultExpandAll={false}
        styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      />
    </Modal>
  );
}
