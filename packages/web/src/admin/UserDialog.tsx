import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, Modal, Radio, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { usersApi, type UserInput } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import type { Role, User } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { roleLabels } from '../shared/labels.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { rules } from '../shared/validation.js';

type Values = {
  username: string;
  displayName: string;
  kind: 'person' | 'integration';
  unitId: string;
  roles: { role: Role; unitId: string }[];
  phone?: string;
  idNumber?: string;
  email?: string;
  password?: string;
  active: boolean;
};

const blank = (s: string | undefined | null) => (s?.trim() ? s.trim() : null);

/** Create a person (or an integration account), or change one; roles are held at units. */
export function UserDialog({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (u: User, password: string | null) => void }) {
  const t = useT();
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
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const kind = Form.useWatch('kind', form);
  const initial: Partial<Values> = user
    ? {
        username: user.username,
        displayName: user.displayName,
        kind: user.kind,
        unitId: user.unit.id,
        roles: user.roles.map((r) => ({ role: r.role, unitId: r.unit.id })),
        // Masked values are not sent back: an administrator sees them plain, other roles cannot edit.
        phone: user.masked ? undefined : (user.phone ?? undefined),
        idNumber: user.masked ? undefined : (user.idNumber ?? undefined),
        email: user.email ?? undefined,
        active: user.active,
      }
    : { kind: 'person', roles: [], active: true };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblems([]);
    try {
      if (user) {
        const body: UserInput & { version: number } = {
          version: user.version,
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          roles: v.roles,
          active: v.active,
          email: blank(v.email),
          phone: blank(v.phone),
          idNumber: blank(v.idNumber),
        };
        const u = await usersApi.update(user.id, body);
        message.success(t('已保存'));
        onDone(u, null);
      } else {
        const r = await usersApi.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          kind: v.kind,
          unitId: v.unitId,
          roles: v.roles,
          ...(blank(v.phone) ? { phone: blank(v.phone) } : {}),
          ...(blank(v.idNumber) ? { idNumber: blank(v.idNumber) } : {}),
          ...(blank(v.email) ? { email: blank(v.email) } : {}),
          ...(v.password ? { password: v.password } : {}),
        });
        message.success(t('已新建 {name}', { name: r.user.username }));
        onDone(r.user, r.password);
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') message.warning(t('该人员刚被他人修改，请关闭后重新打开'));
      setProblems(applyServerErrors(form, e));
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={user ? t('修改 {name}', { name: user.displayName }) : t('新建人员')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="username"
              label={t('用户名')}
              rules={[
                rules.required(t, '用户名'),
                { min: 3, max: 32, message: t('用户名为 3–32 个字符') },
                { pattern: /^[a-zA-Z0-9_.-]+$/, message: t('用户名只能包含英文字母、数字、下划线、点和短横线') },
              ]}
            >
              <Input disabled={!!user} autoFocus={!user} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="displayName" label={t('姓名')} rules={[rules.required(t, '姓名'), rules.max(t, '姓名', 40)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label={t('账号类型')}>
              <Radio.Group
                disabled={!!user}
                optionType="button"
                options={[
                  { value: 'person', label: t('人员') },
                  { value: 'integration', label: t('接口账号') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitId" label={t('所属单位')} rules={[rules.requiredChoice(t, '所属单位')]}>
              <UnitPicker />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="phone" label={t('电话')} rules={[rules.phone(t)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="email" label={t('电子邮箱')} rules={[{ type: 'email', message: t('电子邮箱格式不正确') }, { max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="idNumber" label={t('身份证号')} rules={[rules.idNumber(t)]}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          {!user && kind !== 'integration' && (
            <Col span={8}>
              <Form.Item name="password" label={t('初始密码（可不填）')} extra={t('不填则生成随机密码，仅显示一次')} rules={[rules.password(t)]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          )}
          {user && (
            <Col span={8}>
              <Form.Item name="active" label={t('启用')} valuePropName="checked" extra={t('停用会立即结束其会话并吊销令牌')}>
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
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
      </Form>
    </Modal>
  );
}
