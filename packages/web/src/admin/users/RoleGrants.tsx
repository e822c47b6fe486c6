import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select } from 'antd';
import type { Role } from '../../api/types.js';
import { useCurrent } from '../../auth/session.js';
import { useT } from '../../i18n/i18n.js';
import { roleLabels } from '../../shared/labels.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import { rules } from '../../shared/validation.js';

/** The roles a person holds, each at a unit; a new row starts at the person's own unit. */
export function RoleGrants() {
  const t = useT();
  const form = Form.useFormInstance();
  const current = useCurrent();
  // 三员分立: the auditor's and the system administrator's roles are given on the server's console (npm run duties),
  // not here; the server refuses them (USER_DUTY_CONSOLE). Shown, disabled, so an account that holds one still reads
  // right. Where the installation merged system and security administration, the signed-in person holds both.
  const consoleOnly = new Set<Role>(['auditor', ...(current.assignments.some((a) => a.role === 'administrator') ? [] : (['administrator'] as Role[]))]);
  const roleOptions = (Object.keys(roleLabels) as Role[]).map((r) => ({
    value: r,
    label: consoleOnly.has(r) ? `${t(roleLabels[r])}${t('（服务器控制台授予）')}` : t(roleLabels[r]),
    disabled: consoleOnly.has(r),
  }));
  return (
    <>
      <div className="form-subtitle">{t('角色（在哪个单位担任什么角色）')}</div>
      <Form.List name="roles">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row gutter={8} key={f.key}>
                <Col span={8}>
                  <Form.Item name={[f.name, 'role']} rules={[rules.requiredChoice(t, '角色')]}>
                    <Select placeholder={t('角色')} options={roleOptions} />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item name={[f.name, 'unitId']} rules={[rules.requiredChoice(t, '单位')]}>
                    <UnitPicker placeholder={t('担任角色的单位')} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('删除')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unitId: form.getFieldValue('unitId') })}>
              {t('增加角色')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
