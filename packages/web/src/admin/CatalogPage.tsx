import { SaveOutlined, TagsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Select, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { catalogApi } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors, refusalToast } from '../api/form-errors.js';
import { useI18n } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { invalidateReference } from '../shared/reference.js';
import './admin.css';
import { EntryTable, type Row, type Values } from './catalog/EntryTable.js';
import { ThresholdsTab } from './catalog/ThresholdsTab.js';

const strip = (rows: Row[]) => rows.map(({ isNew: _n, ...r }) => r);

export default function CatalogPage() {
  const { t, lang } = useI18n();
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
        const unplaced = applyServerErrors(form, e);
        setProblems(unplaced);
        message.error(refusalToast(e, unplaced, t));
      }
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!catalog) return <Loading />;
  // A subject's usual types by name in the interface's language (投诉 / Complaint), as the types' own tab names them.
  const typeOptions = catalog.types.map((x) => ({ value: x.code, label: lang === 'en' ? x.nameEn : x.nameZh }));

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
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={joinList(t, problems, '；')} />}
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
                children: <ThresholdsTab />,
              },
            ]}
          />
        </Form>
      </Card>
    </div>
  );
}
