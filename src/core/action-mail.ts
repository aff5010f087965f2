// Messages of the corrective-action loop: a unit's reminder, and its open actions appended to its result email.

import { type Action, type Reminder, STATUS } from './actions';
import { formatDmy } from './dates';

/** A message's content (the same shape as the other emails). */
export interface MailContent {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const line = (a: Action): string =>
  `${a.criterion}. ${a.finding} — hạn ${formatDmy(a.deadline)} (${a.status})`;

/** The reminder a unit gets for actions due soon or overdue; `formUrl` is the fix-report form. */
export function reminderEmail(r: Reminder, formUrl: string): MailContent {
  const overdue = r.items.filter((i) => i.kind === 'overdue').map((i) => i.action);
  const soon = r.items.filter((i) => i.kind === 'soon').map((i) => i.action);
  const subject = overdue.length
    ? `[Kiểm tra công vụ] ${r.unit}: ${overdue.length} tồn tại đã quá hạn khắc phục`
    : `[Kiểm tra công vụ] ${r.unit}: ${soon.length} tồn tại sắp đến hạn khắc phục`;
  const parts: [string, Action[]][] = [
    ['Đã quá hạn khắc phục:', overdue],
    ['Sắp đến hạn khắc phục:', soon],
  ];
  const how = formUrl
    ? `Khi đã khắc phục, đề nghị đơn vị báo cáo kèm minh chứng tại: ${formUrl}`
    : 'Khi đã khắc phục, đề nghị đơn vị báo cáo kèm minh chứng cho văn phòng.';
  const text = [
    `Kính gửi ${r.unit},`,
    ...parts.flatMap(([title, list]) =>
      list.length ? [title, ...list.map((a) => `- ${line(a)}`)] : [],
    ),
    how,
  ].join('\n');
  const html = [
    `<div style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;max-width:560px">`,
    `<p>Kính gửi ${escapeHtml(r.unit)},</p>`,
    ...parts.map(([title, list]) =>
      list.length
        ? `<p><b>${title}</b></p><ul>${list.map((a) => `<li>${escapeHtml(line(a))}</li>`).join('')}</ul>`
        : '',
    ),
    formUrl
      ? `<p>Khi đã khắc phục, đề nghị đơn vị <a href="${escapeHtml(formUrl)}">báo cáo kèm minh chứng</a>.</p>`
      : `<p>${escapeHtml(how)}</p>`,
    '</div>',
  ].join('');
  return { subject, html, text };
}

/**
 * A unit's result email with its other open actions (from earlier inspections) appended, each
 * with its deadline and status, and the fix-report form's address.
 */
export function withOpenActions(
  mail: MailContent,
  open: readonly Action[],
  formUrl: string,
): MailContent {
  if (open.length === 0) return mail;
  const title = 'Các tồn tại từ lần kiểm tra trước chưa khắc phục xong:';
  const overdue = open.filter((a) => a.status === STATUS.overdue).length;
  const note = overdue ? ` (${overdue} đã quá hạn)` : '';
  const how = formUrl ? `Báo cáo khắc phục tại: ${formUrl}` : '';
  const html = `<div style="font-family:Arial,sans-serif;font-size:15px;max-width:560px"><p><b>${title}</b>${escapeHtml(note)}</p><ul>${open
    .map((a) => `<li>${escapeHtml(line(a))}</li>`)
    .join(
      '',
    )}</ul>${formUrl ? `<p><a href="${escapeHtml(formUrl)}">Báo cáo khắc phục</a></p>` : ''}</div>`;
  const closeAt = mail.html.lastIndexOf('</div>');
  return {
    subject: mail.subject,
    html: closeAt >= 0 ? `${mail.html.slice(0, closeAt)}${html}</div>` : mail.html + html,
    text: [
      mail.text,
      '',
      `${title}${note}`,
      ...open.map((a) => `- ${line(a)}`),
      ...(how ? [how] : []),
    ].join('\n'),
  };
}
