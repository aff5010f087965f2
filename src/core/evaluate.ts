// One response → a scored inspection or a review entry: validation in contract order, then scoring (scoring.md §4).

import { isLabelType, parseLabel, parseWhole } from './answers';
import { itemTitle } from './checklist';
import { classify } from './classify';
import { formatDmy, parseDateAnswer, parseTimestamp, vnDateOf } from './dates';
import { add, type Frac, fracOf, mul, roundRatio1 } from './round';
import { needsQuoting, quoteValue } from './shown';
import type { Config, DateOrder, Inspection, ItemResult, RawResponse, ReviewEntry } from './types';
import { indexUnits, matchUnit, type UnitIndex, validOn } from './units';
import { foldCase, normalizeText } from './vi';

/** Column titles as the source names them, for messages; defaults to the form's titles. */
export interface ColumnTitles {
  unit: string;
  date: string;
  timestamp: string;
  /** By criterion or base-number code; absent = the column is not in the file. */
  items: Record<string, string | undefined>;
}

/** What evaluation needs besides the response, prepared once per run. */
export interface EvalContext {
  config: Config;
  /** Points of each criterion as exact fractions, in checklist order. */
  points: Frac[];
  units: UnitIndex;
  dateOrder: DateOrder;
  titles: ColumnTitles;
  /** Folded emails allowed to submit; empty = anyone, unless `trust` says otherwise. */
  inspectors: ReadonlySet<string>;
  /** Who is scored while `inspectors` is empty; null = anyone (a file the office exports itself). */
  trust: Trust | null;
}

/**
 * The senders trusted while the office keeps no list of inspectors: exact addresses (the office's
 * own) and whole domains (the office's, when it is not a public mail provider). Folded.
 */
export interface Trust {
  emails: readonly string[];
  domains: readonly string[];
}

/** The default column titles: those the generated form uses. */
export function formTitles(config: Config): ColumnTitles {
  const items: Record<string, string> = {};
  for (const b of config.checklist.bases) items[b.code] = itemTitle(b.code, b.title);
  for (const c of config.checklist.criteria) items[c.code] = itemTitle(c.code, c.text);
  return { unit: 'Đơn vị được kiểm tra', date: 'Ngày kiểm tra', timestamp: 'Dấu thời gian', items };
}

/** Prepares an evaluation context. */
export function makeContext(
  config: Config,
  dateOrder: DateOrder = 'dmy',
  titles: ColumnTitles = formTitles(config),
  inspectors: readonly string[] = [],
  trust: Trust | null = null,
): EvalContext {
  const points = config.checklist.criteria.map((c) => fracOf(c.points));
  const allowed = new Set(inspectors.map(foldCase).filter((e) => e !== ''));
  return {
    config,
    points,
    units: indexUnits(config.units),
    dateOrder,
    titles,
    inspectors: allowed,
    trust:
      trust === null
        ? null
        : { emails: trust.emails.map(foldCase), domains: trust.domains.map(foldCase) },
  };
}

// A name as typed, in a message: as it is when readable, else quoted with its length and hidden characters.
const shown = (text: string) => (needsQuoting(text) ? quoteValue(text) : text);

function trusted(trust: Trust, email: string): boolean {
  const e = foldCase(email.trim());
  // A form collecting addresses never leaves one empty: such a row was typed or imported by an
  // editor of the workbook, who is trusted.
  if (e === '') return true;
  const at = e.lastIndexOf('@');
  if (at <= 0) return false;
  return trust.emails.includes(e) || trust.domains.includes(e.slice(at + 1));
}

function heldReason(trust: Trust, email: string): string {
  const who = trust.domains.length
    ? `địa chỉ thuộc tên miền ${trust.domains.map((d) => `@${d}`).join(', ')} của cơ quan`
    : `email văn phòng (${trust.emails.join(', ') || 'chưa có'})`;
  const sender = `người gửi ${shown(email)} chưa được xác nhận là cán bộ kiểm tra`;
  return `Giữ lại để xem xét: ${sender}. Danh sách cán bộ kiểm tra còn trống nên chỉ chấm phiếu gửi từ ${who}. Nếu đây là cán bộ kiểm tra, hãy thêm email vào danh sách cán bộ kiểm tra: phiếu sẽ được chấm ở lần chạy tự động sau.`;
}

/** The outcome of evaluating one response. */
export type Outcome = { ok: true; inspection: Inspection } | { ok: false; review: ReviewEntry };

const review = (row: number, code: ReviewEntry['code'], reason: string): Outcome => ({
  ok: false,
  review: { row, code, reason },
});

/** Validates and scores one response; the first fault in contract order sends it to review. */
export function evaluate(raw: RawResponse, ctx: EvalContext): Outcome {
  const { checklist } = ctx.config;
  const t = ctx.titles;
  const col = (code: string) => t.items[code] ?? itemTitle(code, '').trim();
  const row = raw.row;

  // 0. The sender, when the office keeps a list of inspectors. A row with no address at all
  // cannot come through a form that collects them: an editor of the workbook typed or imported it,
  // and is trusted, with or without a list (so an imported export scores as results.json does).
  const sender = raw.email.trim();
  if (ctx.inspectors.size > 0 && sender !== '' && !ctx.inspectors.has(foldCase(raw.email)))
    return review(
      row,
      'not-inspector',
      `Người gửi không có trong danh sách cán bộ kiểm tra: ${shown(sender)}.`,
    );
  // With no list yet, only the office's own senders are scored; anyone else is held for review.
  if (ctx.inspectors.size === 0 && ctx.trust && !trusted(ctx.trust, raw.email))
    return review(row, 'not-inspector', heldReason(ctx.trust, raw.email.trim()));

  // 1. The unit: empty, then unknown by name (validity needs the date, checked after it).
  const unitText = normalizeText(raw.unit);
  if (!unitText)
    return review(row, 'missing-unit', `Thiếu đơn vị được kiểm tra (cột "${t.unit}" để trống).`);
  const byName = matchUnit(ctx.units, unitText, null);
  if (!byName.ok && byName.why === 'unknown')
    return review(
      row,
      'unknown-unit',
      `Không tìm thấy đơn vị: ${shown(unitText)} (cột "${t.unit}").`,
    );

  // 2. The date: the answer, else the timestamp's date in Vietnam.
  const timestamp = raw.timestamp.trim() ? parseTimestamp(raw.timestamp, ctx.dateOrder) : null;
  let date: string | null;
  if (raw.date.trim()) {
    date = parseDateAnswer(raw.date, ctx.dateOrder);
    if (!date)
      return review(
        row,
        'bad-date',
        `Ngày kiểm tra không hợp lệ: ${quoteValue(raw.date.trim())} (cột "${t.date}").`,
      );
  } else {
    date = timestamp === null ? null : vnDateOf(timestamp);
    if (!date)
      return review(
        row,
        'bad-date',
        raw.timestamp.trim()
          ? `Thiếu ngày kiểm tra (cột "${t.date}") và dấu thời gian không đọc được: ${quoteValue(raw.timestamp.trim())}.`
          : `Thiếu ngày kiểm tra (cột "${t.date}") và không có dấu thời gian.`,
      );
  }
  const match = matchUnit(ctx.units, unitText, date);
  if (!match.ok) {
    const names = match.candidates.map((u) => u.name).join(', ');
    return review(
      row,
      'unknown-unit',
      match.why === 'not-valid'
        ? `Đơn vị ${quoteValue(unitText)} không có hiệu lực vào ngày ${formatDmy(date)}${names && match.candidates.every((u) => validOn(u, date)) ? `; nay thuộc ${names}, hãy chọn một` : ''} (cột "${t.unit}").`
        : `Không xác định được đơn vị: ${shown(unitText)} khớp với nhiều đơn vị (${names}); hãy ghi đủ dấu (cột "${t.unit}").`,
    );
  }
  const unit = match.unit;

  // 3. Base numbers.
  const warnings: string[] = [...(raw.conflicts ?? []), ...(match.warning ? [match.warning] : [])];
  const bases: Record<string, number | null> = {};
  for (const b of checklist.bases) {
    const text = (raw.answers[b.code] ?? '').trim();
    if (text === '') {
      bases[b.code] = null;
      const users = checklist.criteria.filter((c) => c.base === b.code).map((c) => c.code);
      warnings.push(
        `Thiếu số liệu ${b.code} (cột "${col(b.code)}"): ${users.length ? `không chấm các tiêu chí ${users.join(', ')}` : 'không dùng'}.`,
      );
      continue;
    }
    const n = parseWhole(text);
    if (n === null)
      return review(
        row,
        'bad-number',
        `Số liệu không hợp lệ ở cột "${col(b.code)}": ${quoteValue(text)} (phải là số nguyên, chỉ gồm chữ số).`,
      );
    bases[b.code] = n;
  }

  // 4. Items in checklist order: parse, check, and accumulate exactly.
  const items: ItemResult[] = [];
  let earned: Frac | null = { n: 0, d: 1 };
  let max: Frac | null = { n: 0, d: 1 };
  let earnedFloat = 0;
  // Label items earn whole or half points: summed as an integer of halves, exact and cheap.
  let halves = 0;
  let maxFloat = 0;
  const findings: string[] = [];
  const criticalFailures: string[] = [];
  for (const [k, c] of checklist.criteria.entries()) {
    const text = (raw.answers[c.code] ?? '').trim();
    let credit: number | null = null;
    let exact: Frac | null = null;
    if (isLabelType(c.type)) {
      const p = parseLabel(c.type, text);
      if (p.kind === 'invalid') {
        const allowed =
          c.type === 'yesno'
            ? 'Đạt, Không đạt, Không áp dụng'
            : 'Đạt, Đạt một phần, Không đạt, Không áp dụng';
        return review(
          row,
          'bad-answer',
          `Câu trả lời không hợp lệ ở cột "${col(c.code)}": ${quoteValue(text)} (chỉ nhận: ${allowed}).`,
        );
      }
      if (p.kind === 'credit') {
        credit = p.credit;
        exact = { n: p.credit * 2, d: 2 };
      }
      if (p.kind === 'missing') warnings.push(missing(c.code, t.items[c.code]));
    } else if (text === '') {
      warnings.push(missing(c.code, t.items[c.code]));
    } else {
      const v = parseWhole(text);
      if (v === null)
        return review(
          row,
          'bad-number',
          `Số liệu không hợp lệ ở cột "${col(c.code)}": ${quoteValue(text)} (phải là số nguyên, chỉ gồm chữ số).`,
        );
      const b = c.base ? bases[c.base] : null;
      if (b !== null && b !== undefined && b > 0) {
        if (v > b)
          return review(
            row,
            'count-exceeds-base',
            `Số liệu ở cột "${col(c.code)}" (${v}) lớn hơn ${c.base} (${b}) ở cột "${col(c.base ?? '')}".`,
          );
        credit = (b - v) / b;
        exact = { n: b - v, d: b };
      }
    }
    items.push({ code: c.code, answer: text, credit });
    if (credit === null || exact === null) continue;
    const points = ctx.points[k];
    const twice = c.points * credit * 2;
    if (exact.d <= 2 && Number.isInteger(twice)) halves += twice;
    else {
      const gained = mul(points, exact);
      earned = earned && gained ? add(earned, gained) : null;
    }
    max = max ? add(max, points) : null;
    earnedFloat += c.points * credit;
    maxFloat += c.points;
    if (credit < 1) {
      findings.push(c.code);
      if (c.critical) criticalFailures.push(c.code);
    }
  }
  if (maxFloat === 0)
    return review(
      row,
      'not-scorable',
      'Không có tiêu chí nào áp dụng được để chấm điểm (tất cả để trống hoặc "Không áp dụng").',
    );

  earned = earned ? add(earned, { n: halves, d: 2 }) : null;
  const startTime = parseClock(raw.time ?? '');
  if (startTime === null && (raw.time ?? '').trim() !== '')
    warnings.push(
      `Giờ kiểm tra không đọc được: ${quoteValue((raw.time ?? '').trim())} (ghi dạng 08:30); biên bản chỉ ghi ngày.`,
    );
  // score = 100 × earned / max, rounded half up on the exact fraction.
  const score =
    earned && max
      ? roundRatio1(100, earned.n * max.d, earned.d * max.n)
      : roundRatio1(100, earnedFloat, maxFloat);
  return {
    ok: true,
    inspection: {
      row,
      unit: unit.name,
      unitCode: unit.code,
      date,
      timestamp,
      inspector: normalizeText(raw.inspector) || normalizeText(raw.email),
      email: normalizeText(raw.email),
      score,
      earned: earned ? earned.n / earned.d : earnedFloat,
      max: max ? max.n / max.d : maxFloat,
      tier: classify(checklist, score, criticalFailures.length),
      findings,
      criticalFailures,
      warnings,
      items,
      bases,
      startTime,
      notes: raw.notes,
      extras: raw.extras,
    },
  };
}

/** `8:05`, `08:05:00`, `8h05`, `8 giờ 05`, `2:30 PM` → `HH:mm`; null when not a time of day. */
export function parseClock(text: string): string | null {
  const m = /^(\d{1,2})\s*(?::|h|giờ)\s*(\d{1,2})(?::\d{1,2})?\s*(?:phút)?\s*(am|pm|sa|ch)?$/i.exec(
    normalizeText(text),
  );
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = (m[3] ?? '').toLowerCase();
  if (half && (hour < 1 || hour > 12)) return null;
  if (half === 'pm' || half === 'ch') hour = (hour % 12) + 12;
  else if (half === 'am' || half === 'sa') hour %= 12;
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function missing(code: string, title: string | undefined): string {
  return title
    ? `Thiếu câu trả lời cho tiêu chí ${code} (cột "${title}").`
    : `Thiếu câu trả lời cho tiêu chí ${code} (không có cột này trong tệp).`;
}
