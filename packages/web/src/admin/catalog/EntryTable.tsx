import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Switch, Table } from 'antd';
import type { Catalog } from '../../api/types.js';
import type { T } from '../../i18n/i18n.js';
import { duplicateOf, sortOrderProblem } from './entry-rules.js';

export type Row = Record<string, unknown> & { code: string; isNew?: boolean };
export type Values = { types: Row[]; subjects: Row[]; riskFlags: Row[]; thresholds: Catalog['thresholds'] };
type ListName = 'types' | 'subjects' | 'riskFlags';

const codeRule = (t: T) => ({ pattern: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, message: t('代码应为小写字母、数字和下划线，以字母开头，例如 wage_arrears') });

/** One catalog list as an editable table: entries are added or deactivated, never deleted. */
export function EntryTable({ name, t, extra }: { name: ListName; t: T; extra?: (field: { name: number }) => React.ReactNode }) {
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
                    // Every row's code: a duplicate is flagged on both rows, and cleared on both when one changes.
                    dependencies={fields.filter((o) => o.name !== f.name).map((o) => [name, o.name, 'code'])}
                    rules={[
                      { required: true, message: t('请填写代码') },
                      codeRule(t),
                      { max: 40 },
                      {
                        validator: (_r, v: string | undefined) => {
                          const row = duplicateOf(form.getFieldValue(name) as Row[] | undefined, f.name);
                          return row === null ? Promise.resolve() : Promise.reject(new Error(t('代码 {code} 与第 {row} 行重复', { code: v ?? '', row })));
                        },
                      },
                    ]}
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
                width: 100,
                render: (_v, f) => (
                  <Form.Item
                    name={[f.name, 'sortOrder']}
                    rules={[
                      {
                        validator: (_r, v: unknown) => {
                          const p = sortOrderProblem(v);
                          return p ? Promise.reject(new Error(t(p))) : Promise.resolve();
                        },
                      },
                    ]}
                    style={{ margin: 0 }}
                  >
                    {/* No min or max: antd would clamp −5 to 0 silently; the rule says what is wrong and keeps it. */}
                    <InputNumber size="small" style={{ width: 80 }} />
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
