import { ApartmentOutlined, PlusOutlined, StopOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Tree,
  TreeSelect,
} from 'antd';
import { useMemo, useState } from 'react';
import { unitsApi, type UnitInput } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import type { Unit } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { formatTime } from '../shared/format.js';
import { invalidateReference } from '../shared/reference.js';
import { buildUnitTree, subtreeIds } from '../shared/unit-tree.js';
import { rules } from '../shared/validation.js';
import { externalUnitTypes, typesWithDivision, unionUnitTypes } from './unit-types.js';
import './admin.css';

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
  const [search, setSearch] = useState('');
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

  const filtered = useMemo(() => {
    const q = search.trim();
    if (!q) return units;
    // Keep the matches and their ancestors, so the tree still shows where each match sits; the selected unit too, so
    // one just created under a match shows up in place.
    const byId = new Map(units.map((u) => [u.id, u]));
    const keep = new Set<string>();
    for (const u of units) {
      if (u.id !== selectedId && !u.name.includes(q) && !(u.divisionCode ?? '').startsWith(q)) continue;
      for (let x: Unit | undefined = u; x && !keep.has(x.id); x = x.parentId ? byId.get(x.parentId) : undefined) keep.add(x.id);
    }
    return units.filter((u) => keep.has(u.id));
  }, [units, search, selectedId]);
  const tree = useMemo(() => buildUnitTree(filtered, { externalTitle: t('外部协作单位') }), [filtered, t]);
  const expanded = search.trim() ? filtered.map((u) => u.id).concat('__external__') : undefined;

  const save = async () => {
    if (!selected) return;
    const v = await editForm.validateFields();
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
        setProblems(applyServerErrors(editForm, e));
        message.error((e as Error).message);
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
          <Card size="small" title={t('组织树（{n} 个单位）', { n: units.length })}>
            <Input.Search placeholder={t('按名称或行政区划代码查找')} allowClear onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 8 }} />
            {list.loading && !list.data ? (
              <Loading />
            ) : (
              <div className="unit-tree">
                <Tree
                  treeData={tree}
                  selectedKeys={selectedId ? [selectedId] : []}
                  {...(expanded ? { expandedKeys: expanded } : { defaultExpandedKeys: units.filter((u) => u.depth === 0).map((u) => u.id) })}
                  onSelect={(keys) => select(units.find((u) => u.id === keys[0]) ?? null)}
                  titleRender={(n) => (
                    <span className={n.unit && !n.unit.active ? 'retired' : ''}>
                      {n.title as string}
                      {n.unit?.divisionCode && <span className="muted small"> {n.unit.divisionCode}</span>}
                    </span>
                  )}
                  height={560}
                  blockNode
                />
              </div>
            )}
          </Card>
        </Col>
        <Col span={14}>
          {!selected ? (
            <Card size="small">
              <Empty description={t('在左侧选择一个单位查看和修改')} />
            </Card>
          ) : (
            <Card
              size="small"
              title={
                <Space>
                  {selected.name}
                  <Tag>{selected.typeName}</Tag>
                  {!selected.active && <Tag color="red">{t('已撤销')}</Tag>}
                </Space>
              }
              extra={
                admin && (
                  <Space>
                    {!selected.external && selected.active && (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: selected, external: false })}>
                        {t('新建下级单位')}
                      </Button>
                    )}
                    {!selected.external && selected.parentId && (
                      <Button size="small" icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'move', unit: selected })}>
                        {t('移动')}
                      </Button>
                    )}
                    {selected.active ? (
                      <Popconfirm
                        title={t('撤销 {name}？', { name: selected.name })}
                        description={t('撤销后不能再向其派单；历史记录保留。须先撤销其下级单位。')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => setActive(selected, false)}
                      >
                        <Button size="small" danger icon={<StopOutlined />}>
                          {t('撤销')}
                        </Button>
                      </Popconfirm>
                    ) : (
                      <Button size="small" icon={<UndoOutlined />} onClick={() => void setActive(selected, true)}>
                        {t('恢复')}
                      </Button>
                    )}
                  </Space>
                )
              }
            >
              <Descriptions
                size="small"
                column={3}
                items={[
                  { key: 'd', label: t('行政区划'), children: selected.divisionCode ?? '—' },
                  { key: 'c', label: t('下级单位'), children: selected.childCount },
                  { key: 'u', label: t('更新于'), children: formatTime(selected.updatedAt) },
                ]}
              />
              {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />}
              <Form form={editForm} layout="vertical" disabled={!admin} onFinish={() => void save()}>
                <Row gutter={12}>
                  <Col span={14}>
                    <Form.Item name="name" label={t('单位名称')} rules={[rules.required(t, '单位名称'), rules.max(t, '单位名称', 60)]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name="shortName" label={t('简称')} rules={[rules.max(t, '简称', 20)]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="contactPhone" label={t('联系电话')} rules={[rules.phone(t)]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name="email" label={t('电子邮箱')} rules={[{ type: 'email', message: t('电子邮箱格式不正确') }, { max: 100 }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="sortOrder" label={t('排序号')}>
                      <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item name="address" label={t('地址')} rules={[rules.max(t, '地址', 200)]}>
                      <Input />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.List name="leaders">
                  {(fields, { add, remove }) => (
                    <>
                      <div className="form-subtitle">{t('负责人（派单、督办时通知）')}</div>
                      {fields.map((f) => (
                        <Row gutter={8} key={f.key}>
                          <Col span={7}>
                            <Form.Item name={[f.name, 'name']} rules={[rules.required(t, '负责人姓名'), rules.max(t, '负责人姓名', 40)]}>
                              <Input placeholder={t('姓名')} />
                            </Form.Item>
                          </Col>
                          <Col span={7}>
                            <Form.Item name={[f.name, 'title']} rules={[rules.required(t, '负责人职务'), rules.max(t, '负责人职务', 40)]}>
                              <Input placeholder={t('职务')} />
                            </Form.Item>
                          </Col>
                          <Col span={7}>
                            <Form.Item name={[f.name, 'phone']} rules={[rules.phone(t)]}>
                              <Input placeholder={t('电话')} />
                            </Form.Item>
                          </Col>
                          <Col span={3}>
                            <Button onClick={() => remove(f.name)}>{t('删除')}</Button>
                          </Col>
                        </Row>
                      ))}
                      <div style={{ marginBottom: 16 }}>
                        <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                          {t('增加负责人')}
                        </Button>
                      </div>
                    </>
                  )}
                </Form.List>
                {admin && (
                  <Button type="primary" htmlType="submit" loading={saving}>
                    {t('保存修改')}
                  </Button>
                )}
              </Form>
            </Card>
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

function CreateUnitDialog({ parent, external, onClose, onDone }: { parent: Unit | null; external: boolean; onClose: () => void; onDone: (u: Unit) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitInput>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const type = Form.useWatch('type', form);
  const types = external ? externalUnitTypes : unionUnitTypes;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblems([]);
    try {
      const u = await unitsApi.create({
        ...(parent ? { parentId: parent.id } : {}),
        type: v.type!,
        name: v.name!.trim(),
        ...(v.shortName?.trim() ? { shortName: v.shortName.trim() } : {}),
        ...(v.divisionCode?.trim() ? { divisionCode: v.divisionCode.trim() } : {}),
        ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      });
      message.success(t('已新建 {name}', { name: u.name }));
      onDone(u);
    } catch (e) {
      setProblems(applyServerErrors(form, e));
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={parent ? t('在 {name} 下新建单位', { name: parent.name }) : t('新建外部协作单位')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />}
      <Form form={form} layout="vertical">
        <Form.Item name="type" label={t('单位类型')} rules={[rules.requiredChoice(t, '单位类型')]}>
          <Select options={Object.entries(types).map(([value, label]) => ({ value, label: t(label) }))} autoFocus />
        </Form.Item>
        <Form.Item name="name" label={t('单位名称')} rules={[rules.required(t, '单位名称'), rules.max(t, '单位名称', 60)]}>
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label={t('简称')} rules={[rules.max(t, '简称', 20)]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('行政区划代码')}
          extra={t('区县及以上 6 位，乡镇街道 9 位；属地派单依据此代码')}
          rules={[
            { required: !!type && typesWithDivision.includes(type), message: t('此类单位须填写行政区划代码') },
            { pattern: /^(\d{6}|\d{9})$/, message: t('行政区划代码应为 6 位（区县及以上）或 9 位（乡镇街道）数字') },
          ]}
        >
          <Input maxLength={9} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('联系电话')} rules={[rules.phone(t)]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('地址')} rules={[rules.max(t, '地址', 200)]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MoveUnitDialog({ unit, units, onClose, onDone }: { unit: Unit; units: Unit[]; onClose: () => void; onDone: (u: Unit) => void }) {
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
