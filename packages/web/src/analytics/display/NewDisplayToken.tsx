import { Alert, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';
import { useSave } from '../../shell/use-save.js';
import { analyticsApi, type NewDisplayToken as Created } from '../api.js';
import { bigScreenUrl } from '../bigscreen/display-url.js';

/**
 * A new display token for a wall: its name and unit (the administrator's own by default). The server shows the
 * token once: here, with the wall's address to copy, until the dialog is closed.
 */
export function NewDisplayToken({ onCreated }: { onCreated: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ name: string; unitId?: string }>();
  const [created, setCreated] = useState<Created | null>(null);
  const { saving, save } = useSave();
  const create = (v: { name: string; unitId?: string }) =>
    save(async () => {
      setCreated(await analyticsApi.createDisplayToken(v.name, v.unitId));
      form.resetFields();
      onCreated();
    }, t('大屏令牌已创建'));
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={t('新建大屏令牌')}>
      <Form form={form} layout="inline" onFinish={create} style={{ rowGap: 8 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('请填写令牌名称') }, rules.max(t, '令牌名称', 60)]}>
          <Input placeholder={t('如：指挥中心大屏')} style={{ width: 240 }} count={counted(60)} />
        </Form.Item>
        <Form.Item name="unitId" style={{ width: 300 }}>
          <UnitPicker placeholder={t('单位（默认本单位）')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('创建')}
        </Button>
        <span className="muted small">{t('大屏令牌只读、仅能查看所选单位及下级的大屏数据，可随时撤销。')}</span>
      </Form>
      <Modal
        open={!!created}
        title={t('大屏令牌：{name}', { name: created?.name ?? '' })}
        onCancel={() => setCreated(null)}
        footer={<Button onClick={() => setCreated(null)}>{t('我已复制，关闭')}</Button>}
        width={720}
      >
        {created && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title={t('令牌只显示这一次，关闭后无法再查看，请立即复制保存。')} />
            <div>{t('在大屏电脑的浏览器中打开以下地址（无须登录），打开后地址栏中的令牌会被隐去：')}</div>
            <Typography.Text code copyable data-testid="display-url" style={{ wordBreak: 'break-all' }}>
              {bigScreenUrl(window.location.origin, created.token)}
            </Typography.Text>
            <div>
              {t('令牌')}：
              <Typography.Text code copyable data-testid="display-token">
                {created.token}
              </Typography.Text>
            </div>
            <div className="muted small">{t('单位：{unit}', { unit: created.unitName ?? '—' })}</div>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
