import { PlusOutlined, SaveOutlined, TagsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { catalogApi } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import type { Catalog } from '../api/types.js';
import { useT, type T } from '../i18n/i18n.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { invalidateReference } from '../shared/reference.js';
import './admin.css';

type Row = Record<string, unknown> & { code: string; isNew?: boolean };
type Values = { types: Row[]; subjects: Row[]; riskFlags: Row[]; thresholds: Catalog['thresholds'] };
type ListName = 'types' | 'subjects' | 'riskFlags';

const codeRule = (t: T) => ({ pattern: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, message: t('代码应为小写字母、数字和下划线，以字母开头，例如 wage_arrears') });

/** One catalog list as an editable table: entries are added or deactivated, never deleted. */
function EntryTable({ name, t, extra }: { name: ListName; t: T; extra?: (field: { name: number }) => React.ReactNode }) {
  const form = Form.useFormInstance<Values>();
  return (
    <Form.List name={name}>
      {(fields, { add }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ y: 'calc(100vh - 330px)' }}
            columns={[
              {
                title: t('代码'),
                width: 170,
                render: (_v, f) => (
                  <Form.Item
                    name={[f.name, 'code']}
                    rules={[{ required: true, message: t('请填写代码') }, codeRule(t), { max: 40 }]}
                    noStyle={false}
                    style={{ margin: 0 }}
                  >
                    <Input size="small" disabled={!form.getFieldValue([name, f.name, 'isNew'])} />
                  </Form.Item>
                ),
              },
              {
                title: t('中文名称'),
                width: 150,
                render: (_v, f) => (
                  <Form.Item
                    name={[f.name, 'nameZh']}
                    rules={[
                      { required: true, whitespace: true, message: t('请填写中文名称') },
                      { max: 20, message: t('中文名称不超过 20 个字') },
                    ]}
                    style={{ margin: 0 }}
                  >
                    <Input size="small" />
                  </Form.Item>
                ),
              },
              {
                title: t('英文名称'),
                width: 170,
                render: (_v, f) => (
                  <Form.Item
                    name={[f.name, 'nameEn']}
                    rules={[{ required: true, whitespace: true, message: t('请填写英文名称') }, { max: 60 }]}
                    style={{ margin: 0 }}
                  >
                    <Input size="small" />
                  </Form.Item>
                ),
              },
              {
                title: t('说明'),
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'description']} rules={[{ max: 200, message: t('说明不超过 200 个字') }]} style={{ margin: 0 }}>
                    <Input size="small" />
                  </Form.Item>
                ),
              },
              ...(extra
                ? [{ title: name === 'types' ? t('默认办理路径') : t('常见类型'), width: 220, render: (_v: unknown, f: { name: number }) => extra(f) }]
                : []),
              {
                title: t('排序'),
                width: 80,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'sortOrder']} style={{ margin: 0 }}>
                    <InputNumber size="small" min={0} max={100000} precision={0} style={{ width: 70 }} />
                  </Form.Item>
                ),
              },
              {
                title: t('启用'),
                width: 60,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'active']} valuePropName="checked" style={{ margin: 0 }}>
                    <Switch size="small" />
                  </Form.Item>
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => add({ isNew: true, active: true, sortOrder: (fields.length + 1) * 10, description: '' })}
          >
            {t('新增')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

const strip = (rows: Row[]) => rows.map(({ isNew: _n, ...r }) => r);

export default function CatalogPage() {
  const t = useT();
  const { message } = App.useApp();
  const loaded = useLoad(() => catalogApi.get(), []);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const catalog = loaded.data;

  useEffect(() => {
    if (!catalog) return;
    form.setFieldsValue({ types: catalog.types, subjects: catalog.subjects, riskFlags: catalog.riskFlags, thresholds: catalog.thresholds });
  }, [catalog, form]);

  const save = async () => {
    if (!catalog) return;
    try {
      await form.validateFields();
    } catch {
      message.warning(t('有项目未通过校验，请检查各页签中标红的单元格'));
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    setProblems([]);
    try {
      const next = await catalogApi.update({
        version: catalog.version,
        types: strip(v.types),
        subjects: strip(v.subjects),
        riskFlags: strip(v.riskFlags),
        thresholds: v.thresholds,
      });
      loaded.setData(next);
      invalidateReference('catalog');
      message.success(t('分类目录已保存'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('分类目录刚被他人修改，已重新加载'));
        loaded.reload();
      } else {
        setProblems(applyServerErrors(form, e));
        message.error((e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!catalog) return <Loading />;
  const typeOptions = catalog.types.map((x) => ({ value: x.code, label: x.nameZh }));

  return (
    <div>
      <div className="page-title">
        <h1>
          <TagsOutlined /> {t('分类目录')}
        </h1>
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()}>
          {t('保存全部修改')}
        </Button>
      </div>
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />}
      <Card size="small">
        <Form form={form} component={false}>
          <Tabs
            items={[
              {
                key: 'types',
                label: t('诉求类型'),
                forceRender: true,
                children: (
                  <EntryTable
                    name="types"
                    t={t}
                    extra={(f) => (
                      <Form.Item name={[f.name, 'defaultPath']} rules={[{ max: 200 }]} style={{ margin: 0 }}>
                        <Input size="small" />
                      </Form.Item>
                    )}
                  />
                ),
              },
              {
                key: 'subjects',
                label: t('诉求事项'),
                forceRender: true,
                children: (
                  <EntryTable
                    name="subjects"
                    t={t}
                    extra={(f) => (
                      <Form.Item name={[f.name, 'usualTypes']} style={{ margin: 0 }}>
                        <Select size="small" mode="multiple" options={typeOptions} />
                      </Form.Item>
                    )}
                  />
                ),
              },
              { key: 'riskFlags', label: t('风险标识'), forceRender: true, children: <EntryTable name="riskFlags" t={t} /> },
              {
                key: 'thresholds',
                label: t('风险阈值'),
                forceRender: true,
                children: (
                  <Space orientation="vertical" style={{ maxWidth: 520 }}>
                    <Alert type="info" showIcon title={t('受理时系统据此建议风险标识（众、大、多）')} />
                    {(
                      [
                        ['massWorkers', '群体（众）人数阈值', '人'],
                        ['largeAmount', '大额（大）金额阈值', '元'],
                        ['repeatCount', '重复（多）次数阈值', '次'],
                        ['repeatWindowDays', '重复统计天数', '天'],
                      ] as const
                    ).map(([key, label, unit]) => (
                      <Form.Item
                        key={key}
                        name={['thresholds', key]}
                        label={t(label)}
                        rules={[{ required: true, type: 'integer', min: 1, message: t('应为正整数') }]}
                        layout="horizontal"
                        labelCol={{ span: 10 }}
                      >
                        <InputNumber min={1} precision={0} style={{ width: 200 }} suffix={t(unit)} />
                      </Form.Item>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Form>
      </Card>
    </div>
  );
}
