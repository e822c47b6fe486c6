import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { usersApi } from '../api/admin.js';
import { applyServerErrors, validValues } from '../api/form-errors.js';
import { membersApi, type EmergencyMembers } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { counted } from '../shared/counted.js';
import { rules } from '../shared/validation.js';

type UnitRow = EmergencyMembers['units'][number];
type Person = { id: string; name: string; leaderHere: boolean };

/**
 * Setting one unit: its principal leader (one of its leaders) and its members (people of the unit or below, each with a
 * duty). The people offered are the chosen unit's, read again when the unit changes.
 */
export function EmergencyMembersDialog({ start, onClose, onDone }: { start: { unitId?: string; row?: UnitRow }; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitId: string; principal?: string | null; members: { userId: string; duty: string }[] }>();
  const unitId = Form.useWatch('unitId', form);
  const [people, setPeople] = useState<Person[]>([]);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (!unitId) return setPeople([]);
    let live = true;
    usersApi
      .list({ unitId, active: true, limit: 100 })
      .then((r) => {
        if (!live) return;
        setPeople(
          r.items
            .filter((u) => u.kind === 'person')
            .map((u) => ({ id: u.id, name: u.displayName, leaderHere: u.roles.some((x) => x.role === 'leader' && x.unit.id === unitId) })),
        );
      })
      .catch(() => live && setPeople([]));
    return () => {
      live = false;
    };
  }, [unitId]);

  async function submit() {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    setProblems([]);
    try {
      await membersApi.setPrincipal(v.unitId, v.principal ?? null);
      await membersApi.set(
        v.unitId,
        (v.members ?? []).map((m) => ({ userId: m.userId, duty: m.duty })),
      );
      message.success(t('已保存'));
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e, { userId: ['principal'] }));
    } finally {
      setSaving(false);
    }
  }

  const options = people.map((p) => ({ value: p.id, label: p.name }));
  return (
    <Modal open title={t('应急机制成员与主要领导')} width={640} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          unitId: start.unitId,
          principal: start.row?.principal?.userId ?? null,
          members: start.row?.members.map((m) => ({ userId: m.userId, duty: m.duty })) ?? [],
        }}
      >
        <Form.Item name="unitId" label={t('单位')} rules={[{ required: true, message: t('请选择单位') }]}>
          <UnitPicker />
        </Form.Item>
        <Form.Item name="principal" label={t('主要领导（须为本单位领导）')}>
          <Select
            allowClear
            options={people.filter((p) => p.leaderHere).map((p) => ({ value: p.id, label: p.name }))}
            placeholder={t('未指定：本单位任一领导批示即可')}
          />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'userId']} rules={[{ required: true, message: t('请选择人员') }]}>
                    <Select showSearch optionFilterProp="label" options={options} style={{ width: 240 }} placeholder={t('人员')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'duty']} rules={[{ required: true, whitespace: true, message: t('请填写职责') }, rules.max(t, '职责', 50)]}>
                    <Input count={counted(50)} placeholder={t('职责，如组长、联络员')} style={{ width: 220 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ duty: '联络员' })} disabled={!unitId}>
                {t('添加成员')}
              </Button>
            </>
          )}
        </Form.List>
        {problems.length > 0 && <Typography.Text type="danger">{joinList(t, problems, '；')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
