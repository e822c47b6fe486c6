import { Col, Form, Input, Radio, Row, Switch } from 'antd';
import type { User } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import { passwordHint, passwordProblem, rules } from '../../shared/validation.js';

/**
 * The account itself: name, kind, unit, contact. The username and kind are fixed once made (the audit log and API
 * tokens name them); a new person's password only when made, an existing one's switch only when changed.
 */
export function AccountFields({ user, kind }: { user: User | null; kind: string | undefined }) {
  const t = useT();
  return (
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
          <Input />
        </Form.Item>
      </Col>
      {!user && kind !== 'integration' && (
        <Col span={8}>
          <Form.Item
            name="password"
            label={t('初始密码（可不填）')}
            extra={
              <>
                {t('不填则生成随机密码，仅显示一次')}
                <br />
                {t(passwordHint)}
              </>
            }
            dependencies={['username']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, v: string | undefined) => {
                  const p = v ? passwordProblem(v, getFieldValue('username') as string | undefined) : null;
                  return p ? Promise.reject(new Error(t(p))) : Promise.resolve();
                },
              }),
            ]}
          >
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
  );
}
