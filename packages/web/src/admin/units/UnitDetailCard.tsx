import { PlusOutlined, StopOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, type FormInstance, Popconfirm, Space, Tag } from 'antd';
import type { UnitInput } from '../../api/admin.js';
import type { Unit } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import { formatTime } from '../../shared/format.js';
import { UnitFields } from './UnitFields.js';

/**
 * The selected unit: what it is, its fields (editable by the administrator) and what may be done to it (a unit
 * below, a move, retiring or restoring it). The form belongs to the page, which fills it when a unit is selected.
 */
export function UnitDetailCard({
  unit,
  admin,
  form,
  saving,
  problems,
  onSave,
  onSetActive,
  onCreateChild,
  onMove,
}: {
  unit: Unit;
  admin: boolean;
  form: FormInstance<UnitInput>;
  saving: boolean;
  problems: string[];
  onSave: () => void;
  onSetActive: (active: boolean) => Promise<void>;
  onCreateChild: () => void;
  onMove: () => void;
}) {
  const t = useT();
  const actions = admin && (
    <Space>
      {!unit.external && unit.active && (
        <Button size="small" icon={<PlusOutlined />} onClick={onCreateChild}>
          {t('新建下级单位')}
        </Button>
      )}
      {!unit.external && unit.parentId && (
        <Button size="small" icon={<SwapOutlined />} onClick={onMove}>
          {t('移动')}
        </Button>
      )}
      {unit.active ? (
        <Popconfirm
          title={t('撤销 {name}？', { name: unit.name })}
          description={t('撤销后不能再向其派单；历史记录保留。须先撤销其下级单位。')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onSetActive(false)}
        >
          <Button size="small" danger icon={<StopOutlined />}>
            {t('撤销')}
          </Button>
        </Popconfirm>
      ) : (
        <Button size="small" icon={<UndoOutlined />} onClick={() => void onSetActive(true)}>
          {t('恢复')}
        </Button>
      )}
    </Space>
  );
  return (
    <Card
      size="small"
      title={
        <Space>
          {unit.name}
          <Tag>{unit.typeName}</Tag>
          {!unit.active && <Tag color="red">{t('已撤销')}</Tag>}
        </Space>
      }
      extra={actions}
    >
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'd', label: t('行政区划'), children: unit.divisionCode ?? '—' },
          { key: 'c', label: t('下级单位'), children: unit.childCount },
          { key: 'u', label: t('更新于'), children: formatTime(unit.updatedAt) },
        ]}
      />
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={joinList(t, problems, '；')} />}
      <Form form={form} layout="vertical" disabled={!admin} onFinish={onSave}>
        <UnitFields />
        {admin && (
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('保存修改')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
