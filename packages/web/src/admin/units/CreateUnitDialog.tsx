import { App, Form, Input, Modal, Select } from 'antd';
import { unitsApi, type UnitInput } from '../../api/admin.js';
import type { Unit } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { rules } from '../../shared/validation.js';
import { FormProblems, useFormSubmit } from '../../shell/form-submit.js';
import { externalUnitTypes, typesWithDivision, unionUnitTypes } from '../unit-types.js';
import { validValues } from '../../api/form-errors.js';

/** A new unit under `parent`, or (without one) a new external collaborator beside the union tree. */
export function CreateUnitDialog({
  parent,
  external,
  onClose,
  onDone,
}: {
  parent: Unit | null;
  external: boolean;
  onClose: () => void;
  onDone: (u: Unit) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitInput>();
  const { busy, problems, run } = useFormSubmit(form);
  const type = Form.useWatch('type', form);
  const types = external ? externalUnitTypes : unionUnitTypes;
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    await run(async () => {
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
    });
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
      <FormProblems problems={problems} />
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
          <Input />
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
