import type { ArticleKind } from '../domain/article.js';

/** A starter article: written for this product from the public text of the law it cites. */
export type SeedArticle = {
  /** Stable key: a reinstall completes the set without duplicating what exists. */
  key: string;
  kind: ArticleKind;
  title: string;
  body: string;
  subjects: string[];
  citations: string[];
  tags?: string[];
  source?: string;
  regions?: string[];
  issuingBody?: string;
  effectiveFrom?: string;
};

export const LCL = '《中华人民共和国劳动合同法》';
export const LL = '《中华人民共和国劳动法》';
export const SIL = '《中华人民共和国社会保险法》';
export const WIIR = '《工伤保险条例》';
export const TUL = '《中华人民共和国工会法》';
export const LDMAL = '《中华人民共和国劳动争议调解仲裁法》';
export const MWR = '《保障农民工工资支付条例》';
