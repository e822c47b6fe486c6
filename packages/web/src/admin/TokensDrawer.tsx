import { App, Button, DatePicker, Drawer, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { usersApi } from '../api/admin.js';
import { applyServerErrors, refusalToast, validValues } from '../api/form-errors.js';
import type { ApiToken, User } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { formatTime } from '../shared/format.js';

/** An integration account's API tokens: issue one (shown once), revoke one. */
export function TokensDrawer({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const list = useLoad(() => usersApi.tokens(user.id), [user.id]);
  const [form] = Form.useForm<{ name: string; expiresAt?: Dayjs }>();
  const [busy, setBusy] = useState(false);

  const create = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    try {
      const r = await usersApi.createToken(user.id, { name: v.name.trim(), ...(v.expiresAt ? { expiresAt: v.expiresAt.endOf('day').toISOString() } : {}) });
      form.resetFields();
      list.reload();
      modal.success({
        title: t('新令牌（只显示这一次）'),
        width: 560,
        content: (
          <Typography.Paragraph copyable={{ text: r.token }} className="one-time-password">
            {r.token}
          </Typography.Paragraph>
        ),
      });
    } catch (e) {
      message.error(refusalToast(e, applyServerErrors(form, e), t));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (tk: ApiToken) => {
    try {
      await usersApi.revokeToken(user.id, tk.id);
      message.success(t('令牌已吊销'));
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Drawer open size="large" title={t('{name} 的接口令牌', { name: user.displayName })} onClose={onClose}>
      <Form form={form} layout="inline" onFinish={() => void create()} style={{ marginBottom: 12 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('请填写令牌名称') }, { max: 60 }]}>
          <Input placeholder={t('令牌名称，如“12345 对接”')} />
        </Form.Item>
        <Form.Item name="expiresAt">
          <DatePicker placeholder={t('到期日（可不填）')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('签发令牌')}
        </Button>
      </Form>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('名称'), dataIndex: 'name' },
            { title: t('开头'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
            { title: t('签发'), dataIndex: 'createdAt', render: formatTime },
            { title: t('到期'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatTime(v) : t('不过期')) },
            { title: t('最近使用'), dataIndex: 'lastUsedAt', render: formatTime },
            {
              title: '',
              render: (_v, tk) =>
                tk.revokedAt ? (
                  <Tag>{t('已吊销')}</Tag>
                ) : (
                  <Popconfirm title={t('吊销此令牌？使用它的系统将立即无法访问。')} onConfirm={() => revoke(tk)} okButtonProps={{ danger: true }}>
                    <Button size="small" danger type="link">
                      {t('吊销')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
