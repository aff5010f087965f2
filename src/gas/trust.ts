// Who is scored while the inspectors list is empty: only the office's own senders; everyone else is held for review.

import type { AppConfig } from '../core/config-tables';
import type { Trust } from '../core/evaluate';
import { SHEETS } from '../core/names';

/*
 * "Unknown" when `Cán bộ kiểm tra` is empty: a sender is trusted when it is the office's own
 * address (`Email văn phòng`) or, when that address is on the office's own domain, any address of
 * that domain (a government or Workspace domain: its accounts are the office's colleagues). A
 * public mail provider's domain trusts nobody but the office address itself, since anyone can make
 * an account there. The Form collects verified addresses (the respondent's Google account, not
 * typed), so a stranger cannot pass by typing a trusted address.
 */

// Public providers: an address there says nothing about who the sender works for.
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.com.vn',
  'ymail.com',
  'outlook.com',
  'outlook.com.vn',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'yandex.com',
  'mail.ru',
  'gmx.com',
  'qq.com',
  '163.com',
]);

/** The trust rule for `app`: null when the office keeps a list (the list alone decides). */
export function trustOf(app: AppConfig): Trust | null {
  if (app.inspectors.length > 0) return null;
  const office = app.settings.officeEmail.trim().toLowerCase();
  const domain = office.slice(office.lastIndexOf('@') + 1);
  const own = office.includes('@') && domain !== '' && !PUBLIC_DOMAINS.has(domain);
  return { emails: office ? [office] : [], domains: own ? [domain] : [] };
}

/** The warning setup gives while the inspectors list is empty (what is scored, and what to do); '' otherwise. */
export function emptyListWarning(app: AppConfig): string {
  const trust = trustOf(app);
  if (!trust) return '';
  const who = trust.domains.length
    ? `địa chỉ thuộc tên miền @${trust.domains[0]} của cơ quan`
    : `email văn phòng (${trust.emails[0] ?? 'chưa có'})`;
  return `Trang "${SHEETS.inspectors}" chưa có cán bộ kiểm tra nào: chỉ phiếu gửi từ ${who} được chấm; phiếu của người khác được giữ ở trang "${SHEETS.review}" (không lập biên bản, không gửi thư, không vào xếp hạng). Hãy nhập email của từng cán bộ kiểm tra vào trang "${SHEETS.inspectors}": từ đó chỉ những người này được chấm, và phiếu đang giữ của họ được chấm ở lần chạy tự động sau.`;
}
