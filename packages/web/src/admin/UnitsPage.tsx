import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Row, Space } from 'antd';
import { useMemo, useState } from 'react';
import { unitsApi, type UnitInput } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors, refusalToast, validValues } from '../api/form-errors.js';
import type { Unit } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { invalidateReference } from '../shared/reference.js';
import { CreateUnitDialog } from './units/CreateUnitDialog.js';
import { MoveUnitDialog } from './units/MoveUnitDialog.js';
import { UnitDetailCard } from './units/UnitDetailCard.js';
import { UnitTreeCard } from './units/UnitTreeCard.js';
import './admin.css';

/** 单位管理: the tree on the left (units/UnitTreeCard), the selected unit on the right (units/UnitDetailCard), dialogs to create and move. */
type Dialog = { kind: 'create'; parent: Unit | null; external: boolean } | { kind: 'move'; unit: Unit } | null;

const conflictText = '该单位刚被他人修改，已重新加载，请核对后再试';

export default function UnitsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { role } = useCurrent();
  const admin = role === 'administrator';
  const list = useLoad(() => unitsApi.list({ includeExternal: true }), []);
  const units = useMemo(() => list.data?.items ?? [], [list.data]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editForm] = Form.useForm<UnitInput>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const selected = units.find((u) => u.id === selectedId) ?? null;

  const select = (u: Unit | null) => {
    setSelectedId(u?.id ?? null);
    setProblems([]);
    editForm.resetFields();
    if (u)
      editForm.setFieldsValue({
        name: u.name,
        shortName: u.shortName,
        contactPhone: u.contactPhone,
        address: u.address,
        email: u.email,
        sortOrder: u.sortOrder,
        leaders: u.leaders,
      });
  };

  const changed = (u?: Unit) => {
    invalidateReference('units');
    list.reload();
    // The form must show the unit just created, moved or saved: left alone it keeps the previous unit's values, and
    // saving would write them onto this one.
    if (u) select(u);
  };

  const save = async () => {
    if (!selected) return;
    const v = await validValues(editForm);
    if (!v) return;
    setSaving(true);
    setProblems([]);
    try {
      const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
      const u = await unitsApi.update(selected.id, {
        version: selected.version,
        name: v.name!.trim(),
        shortName: blank(v.shortName),
        contactPhone: blank(v.contactPhone),
        address: blank(v.address),
        email: blank(v.email),
        sortOrder: v.sortOrder ?? 0,
        leaders: (v.leaders ?? []).map((l) => ({ name: l.name.trim(), title: l.title.trim(), ...(l.phone?.trim() ? { phone: l.phone.trim() } : {}) })),
      });
      message.success(t('已保存'));
      changed(u);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.warning(t(conflictText));
        changed();
      } else {
        const unplaced = applyServerErrors(editForm, e);
        setProblems(unplaced);
        message.error(refusalToast(e, unplaced, t));
      }
    } finally {
      setSaving(false);
    }
  };

  const setActive = async (u: Unit, active: boolean) => {
    try {
      const r = await unitsApi.update(u.id, { version: u.version, active });
      message.success(active ? t('已恢复') : t('已撤销'));
      changed(r);
    } catch (e) {
      message.error((e as Error).message);
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') changed();
    }
  };

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;

  return (
    <div>
      <div className="page-title">
        <h1>
          <ApartmentOutlined /> {t('单位管理')}
        </h1>
        {admin && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: null, external: true })}>
              {t('新建外部协作单位')}
            </Button>
          </Space>
        )}
      </div>
      <Row gutter={12}>
        <Col span={10}>
          <UnitTreeCard units={units} loading={list.loading && !list.data} selectedId={selectedId} onSelect={select} />
        </Col>
        <Col span={14}>
          {!selected ? (
            <Card size="small">
              <Empty description={t('在左侧选择一个单位查看和修改')} />
            </Card>
          ) : (
            <UnitDetailCard
              unit={selected}
              admin={admin}
              form={editForm}
              saving={saving}
              problems={problems}
              onSave={() => void save()}
              onSetActive={(active) => setActive(selected, active)}
              onCreateChild={() => setDialog({ kind: 'create', parent: selected, external: false })}
              onMove={() => setDialog({ kind: 'move', unit: selected })}
            />
          )}
        </Col>
      </Row>
      {dialog?.kind === 'create' && (
        <CreateUnitDialog parent={dialog.parent} external={dialog.external} onClose={() => setDialog(null)} onDone={(u) => (setDialog(null), changed(u))} />
      )}
      {dialog?.kind === 'move' && (
        <MoveUnitDialog unit={dialog.unit} units={units} onClose={() => setDialog(null)} onDone={(u) => (setDialog(null), changed(u))} />
      )}
    </div>
  );
}
