import { Segmented } from 'antd';
import { useI18n } from './i18n.js';

/** 中文 / EN on the pages seen before signing in (the sign-in page, the worker's page); signed in, the user menu switches. */
export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented
      size="small"
      value={lang}
      onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
