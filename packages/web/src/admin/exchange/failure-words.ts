import type { Messages } from './names.js';

/** Why sending to a partner failed, as the server stores it with the error (server exchange/domain/failures.ts). */
export type FailureKind = NonNullable<Messages['items'][number]['lastErrorKind']>;

/**
 * What happened, in words a person reads (translated by the page; en-exchange.ts): the stored error is the system's
 * detail ("无法连接对方：ECONNREFUSED", "对方应答 HTTP 503：…"), kept for the administrator beside the words.
 */
export const failureWords: Record<FailureKind, string> = {
  refused: '对方平台拒绝连接（对方服务可能未运行）',
  timeout: '对方平台未在规定时间内应答',
  unknown_host: '找不到对方平台的地址（域名无法解析）',
  network: '网络不通，未能连上对方平台',
  certificate: '对方平台的安全证书未通过校验',
  rejected: '对方平台拒收（签名、格式或账号有误）',
  partner_error: '对方平台系统出错',
  unreadable: '对方的应答无法识别',
  not_sending: '对接平台已停用或未配置接收地址',
  behind_earlier: '等待本工单之前的消息先送达',
  other: '发送出错',
};

/**
 * The words of a stored error and its detail: by its kind; an error stored before kinds were (null) or a kind this
 * page does not know is said as it was stored, with no separate detail.
 */
export function failureText(kind: string | null | undefined, detail: string | null | undefined): { words: string; detail: string | null } | null {
  if (!detail && !kind) return null;
  const words = kind ? failureWords[kind as FailureKind] : undefined;
  if (!words) return { words: detail ?? '', detail: null };
  return { words, detail: detail && detail !== words ? detail : null };
}
