import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row } from 'antd';
import { useT } from '../../i18n/i18n.js';
import { rules } from '../../shared/validation.js';

/** The unit's own fields (name, contacts, order) and its leaders, who are told of dispatches and urges. */
export function UnitFields() {
  const t = useT();
  return (
    <>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="name" label={t('单位名称')} rules={[rules.required(t, '单位名称'), rules.max(t, '单位名称', 60)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="shortName" label={t('简称')} rules={[rules.max(t, '简称', 20)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="contactPhone" label={t('联系电话')} rules={[rules.phone(t)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="email" label={t('电子邮箱')} rules={[{ type: 'email', message: t('电子邮箱格式不正确') }, { max: 100 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="sortOrder" label={t('排序号')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('地址')} rules={[rules.max(t, '地址', 200)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="leaders">
        {(fields, { add, remove }) => (
          <>
            <div className="form-subtitle">{t('负责人（派单、督办时通知）')}</div>
            {fields.map((f) => (
              <Row gutter={8} key={f.key}>
                <Col span={7}>
                  <Form.Item name={[f.name, 'name']} rules={[rules.required(t, '负责人姓名'), rules.max(t, '负责人姓名', 40)]}>
                    <Input placeholder={t('姓名')} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[f.name, 'title']} rules={[rules.required(t, '负责人职务'), rules.max(t, '负责人职务', 40)]}>
                    <Input placeholder={t('职务')} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[f.name, 'phone']} rules={[rules.phone(t)]}>
                    <Input placeholder={t('电话')} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Button onClick={() => remove(f.name)}>{t('删除')}</Button>
                </Col>
              </Row>
            ))}
            <div style={{ marginBottom: 16 }}>
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                {t('增加负责人')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
    </>
  );
}
