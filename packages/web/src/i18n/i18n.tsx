import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';

export type Lang = 'zh' | 'en';
type Vars = Record<string, string | number>;
export type T = (text: string, vars?: Vars) => string;

const storageKey = 'hotline.lang';

/** The interface is written in Chinese; the English table is keyed by the Chinese text, so Chinese never goes missing. */
const englishPlural = new Intl.PluralRules('en');

export function translate(lang: Lang, text: string, vars?: Vars): string {
  const s = lang === 'en' ? (en[text] ?? text) : text;
  if (!vars) return s;
  // English plurals: {n|order|orders} is the word for the count n ("1 order", "2 orders").
  const plural = s.replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (m, k: string, one: string, other: string) =>
    k in vars ? (englishPlural.select(Number(vars[k])) === 'one' ? one : other) : m,
  );
  return plural.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

const I18nContext = createContext<{ lang: Lang; setLang: (l: Lang) => void; t: T }>({
  lang: 'zh',
  setLang: () => undefined,
  t: (text, vars) => translate('zh', text, vars),
});

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initial ?? (localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh'));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(storageKey, l);
    document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
    setLangState(l);
  }, []);
  const t = useCallback<T>((text, vars) => translate(lang, text, vars), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
export const useT = () => useContext(I18nContext).t;
