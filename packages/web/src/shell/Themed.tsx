import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useReducedMotion } from './reduced-motion.js';

/** antd and dayjs in the chosen language, with the platform's colours. */
export function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const still = useReducedMotion();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1d5fbf', borderRadius: 4, fontSize: 14, motion: !still } }}
      wave={{ disabled: still }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
