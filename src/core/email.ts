// Email content: subject, a phone-friendly HTML body (every respondent string escaped) and the plain-text twin.

import { addDays, formatDm, formatDmy, isoWeek } from './dates';
import { annotate, inspectionFindings } from './findings';
import { inspectionStanding } from './minutes';
import { byUnit, capReason, num1, ubnd } from './report';
import type { Aggregate, Config, Inspection } from './types';

/** A message's content. */
export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** What kind of period a report covers (names the subject). */
export type PeriodKind = 'week' | 'month' | 'custom';

/** Escapes text for HTML: respondent text never becomes markup. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** `18/02–24/02/2019`, or with both years when they differ. */
export function rangeText(from: string, to: string): string {
  return from.slice(0, 4) === to.slice(0, 4)
    ? `${formatDm(from)}–${formatDmy(to)}`
    : `${formatDmy(from)}–${formatDmy(to)}`;
}

/** `[Kiểm tra công vụ] Báo cáo tuần 08/2019 (18/02–24/02/2019)` and the monthly and custom forms. */
export function reportSubject(kind: PeriodKind, from: string, to: string): string {
  const range = rangeText(from, to);
  if (kind === 'week') {
    const w = isoWeek(from);
    return `[Kiểm tra công vụ] Báo cáo tuần ${String(w.week).padStart(2, '0')}/${w.year} (${range})`;
  }
  if (kind === 'month')
    return `[Kiểm tra công vụ] Báo cáo tháng ${from.slice(5, 7)}/${from.slice(0, 4)} (${range})`;
  return `[Kiểm tra công vụ] Báo cáo (${range})`;
}

// Critical failures listed in a message; the report itself lists them all.
const MAX_LISTED = 20;

const STYLE = {
  body: 'font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#202124;max-width:600px;margin:0 auto;padding:12px',
  table: 'border-collapse:collapse;width:100%;font-size:14px',
  th: 'text-align:left;border-bottom:2px solid #dadce0;padding:6px 4px',
  td: 'border-bottom:1px solid #eee;padding:6px 4px',
  button:
    'display:inline-block;background:#1a73e8;color:#fff;text-decoration:none;padding:10px 16px;border-radius:4px',
};

function table(headers: string[], rows: string[][]): string {
  const th = headers.map((h) => `<th style="${STYLE.th}">${escapeHtml(h)}</th>`).join('');
  const trs = rows
    .map(
      (r) => `<tr>${r.map((c) => `<td style="${STYLE.td}">${escapeHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table style="${STYLE.table}"><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

/** The committee's email for a report: period, coverage, top and bottom of the ranking, critical failures, the Doc link. */
export function reportEmail(
  config: Config,
  agg: Aggregate,
  kind: PeriodKind,
  docUrl: string,
): EmailContent {
  const from = agg.period.from as string;
  const to = agg.period.to as string;
  const subject = reportSubject(kind, from, to);
  const total = agg.units.length + agg.notInspected.length;
  const cover = `Đã kiểm tra ${agg.inspections.length} lượt tại ${agg.units.length}/${total} đơn vị, từ ${formatDmy(from)} đến ${formatDmy(to)}.`;
  const units = byUnit(agg.inspections, config.units);
  // A tier the cap lowered says why, next to the score (documents.md).
  const rank = (list: typeof agg.units) =>
    list.map((u) => [
      String(u.rank),
      u.unit,
      num1(u.mean),
      u.tier !== u.uncappedTier ? `${u.tier} (${capReason(units.get(u.key) ?? [])})` : u.tier,
    ]);
  const top = agg.units.length > 10 ? agg.units.slice(0, 5) : agg.units;
  const bottom = agg.units.length > 10 ? agg.units.slice(-5) : [];
  const all = agg.inspections.flatMap((i) =>
    inspectionFindings(config.checklist, i)
      .filter((f) => f.critical)
      .map((f) => `${i.unit} (${formatDmy(i.date)}): ${f.text}`),
  );
  // A message body is capped (200 KB): a long period lists the first failures, the report has all.
  const failures =
    all.length > MAX_LISTED
      ? [...all.slice(0, MAX_LISTED), `… và ${all.length - MAX_LISTED} vi phạm khác (xem báo cáo)`]
      : all;
  const headers = ['Hạng', 'Đơn vị', 'Điểm', 'Xếp loại'];
  const html = [
    `<div style="${STYLE.body}">`,
    `<p><b>${escapeHtml(subject.replace('[Kiểm tra công vụ] ', ''))}</b></p>`,
    `<p>${escapeHtml(cover)}</p>`,
    bottom.length ? '<p><b>Dẫn đầu</b></p>' : '<p><b>Xếp hạng</b></p>',
    table(headers, rank(top)),
    bottom.length ? `<p><b>Cuối bảng</b></p>${table(headers, rank(bottom))}` : '',
    failures.length
      ? `<p><b>Vi phạm tiêu chí nghiêm trọng</b></p><ul>${failures.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`
      : '<p>Không có vi phạm tiêu chí nghiêm trọng.</p>',
    agg.notInspected.length
      ? `<p>Chưa kiểm tra: ${escapeHtml(agg.notInspected.map((u) => u.unit).join(', '))}.</p>`
      : '',
    `<p><a style="${STYLE.button}" href="${escapeHtml(docUrl)}">Mở báo cáo</a></p>`,
    '<p style="color:#5f6368;font-size:13px">Báo cáo đầy đủ (PDF) đính kèm thư này.</p>',
    '</div>',
  ].join('');
  const text = [
    subject.replace('[Kiểm tra công vụ] ', ''),
    '',
    cover,
    '',
    ...rank(top).map((r) => `${r[0]}. ${r[1]}: ${r[2]} điểm, ${r[3]}`),
    ...(bottom.length
      ? ['...', ...rank(bottom).map((r) => `${r[0]}. ${r[1]}: ${r[2]} điểm, ${r[3]}`)]
      : []),
    '',
    failures.length
      ? `Vi phạm tiêu chí nghiêm trọng:\n${failures.map((f) => `- ${f}`).join('\n')}`
      : 'Không có vi phạm tiêu chí nghiêm trọng.',
    '',
    `Báo cáo: ${docUrl}`,
    'Báo cáo đầy đủ (PDF) đính kèm thư này.',
  ].join('\n');
  return { subject, html, text };
}

/** The short notice for a period with no inspection. */
export function emptyNotice(kind: PeriodKind, from: string, to: string): EmailContent {
  const subject = reportSubject(kind, from, to);
  const line = `Từ ${formatDmy(from)} đến ${formatDmy(to)}, không có phiếu kiểm tra công vụ nào được ghi nhận.`;
  return {
    subject,
    html: `<div style="${STYLE.body}"><p>${escapeHtml(line)}</p></div>`,
    text: line,
  };
}

/** A unit's own result: score, findings with their deadline and addressee, the minutes link when there is one. */
export function unitEmail(
  config: Config,
  i: Inspection,
  fixDays: number,
  docUrl: string,
  reportTo = '',
): EmailContent {
  const subject = `[Kiểm tra công vụ] Kết quả kiểm tra tại ${ubnd(i.unit)} ngày ${formatDmy(i.date)}`;
  const deadline = formatDmy(addDays(i.date, fixDays));
  const lines = inspectionFindings(config.checklist, i).map((f) =>
    f.critical ? annotate(f.text, 'vi phạm nghiêm trọng') : f.text,
  );
  const head = `Kết quả: ${inspectionStanding(config, i)}.`;
  const html = [
    `<div style="${STYLE.body}">`,
    `<p><b>${escapeHtml(subject.replace('[Kiểm tra công vụ] ', ''))}</b></p>`,
    `<p>${escapeHtml(head)}</p>`,
    lines.length
      ? `<p>Tồn tại phải khắc phục trước ngày <b>${deadline}</b>${reportTo ? `, báo cáo kết quả về ${escapeHtml(reportTo)}` : ''}:</p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
      : '<p>Không có tồn tại phải khắc phục.</p>',
    docUrl ? `<p><a style="${STYLE.button}" href="${escapeHtml(docUrl)}">Mở biên bản</a></p>` : '',
    '</div>',
  ].join('');
  const text = [
    subject.replace('[Kiểm tra công vụ] ', ''),
    head,
    ...(lines.length
      ? [
          `Tồn tại phải khắc phục trước ngày ${deadline}${reportTo ? `, báo cáo kết quả về ${reportTo}` : ''}:`,
          ...lines.map((l) => `- ${l}`),
        ]
      : ['Không có tồn tại phải khắc phục.']),
    ...(docUrl ? [`Biên bản: ${docUrl}`] : []),
  ].join('\n');
  return { subject, html, text };
}
