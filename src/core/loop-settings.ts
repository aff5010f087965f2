// Settings of the corrective-action loop and of the summary's period, read from the `Cài đặt` rows by label.

import type { ActionSettings } from './actions';
import { type ChosenPeriod, parsePeriodSetting } from './periods';
import { foldCase, normalizeText } from './vi';

type Cell = string | number | boolean | Date;

/** The rows this loop adds to `Cài đặt` (label, default, help), appended when missing. */
export const LOOP_SETTING_ROWS: [string, string | number, string][] = [
  [
    'Hạn khắc phục theo tiêu chí',
    '',
    'Số ngày riêng cho từng tiêu chí, ví dụ "A2: 7; C7: 10"; tiêu chí không ghi dùng "Số ngày khắc phục".',
  ],
  [
    'Nhắc trước hạn khắc phục (ngày)',
    3,
    'Đơn vị được nhắc một lần khi còn từng này ngày đến hạn hoặc đã quá hạn (0–60).',
  ],
  [
    'Kỳ của trang Tổng hợp',
    'Quý này',
    'Tuần này, Tháng này, Quý này, Năm nay, Tất cả, hoặc hai ngày "01/01/2019 - 31/03/2019".',
  ],
];

const FIX_DAYS = 'Số ngày khắc phục';

/** The loop's settings, and the summary's period on `today`. */
export interface LoopSettings {
  actions: ActionSettings;
  summary: ChosenPeriod;
}

/**
 * Reads the loop's settings from the settings rows (label, value); a missing row takes its
 * default, a wrong value is named in `errors` (and the default used).
 */
export function readLoopSettings(
  rows: readonly Cell[][],
  criteria: readonly string[],
  today: string,
  errors: string[],
): LoopSettings {
  const byLabel = new Map(rows.map((r) => [foldCase(String(r[0] ?? '')), r[1]]));
  const text = (label: string, fallback: string | number) => {
    const v = byLabel.has(foldCase(label)) ? byLabel.get(foldCase(label)) : fallback;
    return v === undefined || v === null ? '' : normalizeText(String(v));
  };
  const int = (label: string, fallback: number, min: number, max: number) => {
    const t = text(label, fallback);
    const n = Number(t);
    if (t === '' || !Number.isInteger(n) || n < min || n > max) {
      errors.push(`Cài đặt "${label}" phải là số nguyên từ ${min} đến ${max}, nhận được "${t}".`);
      return fallback;
    }
    return n;
  };
  const days = int(FIX_DAYS, 15, 1, 365);
  const remindBefore = int(LOOP_SETTING_ROWS[1][0], 3, 0, 60);
  const byCriterion: Record<string, number> = {};
  const perLabel = LOOP_SETTING_ROWS[0][0];
  for (const part of text(perLabel, '').split(/[;\n]/)) {
    if (part.trim() === '') continue;
    const m = /^\s*([A-Za-z]\d+)\s*[:=]\s*(\d+)\s*$/.exec(part);
    const code = m ? m[1].toUpperCase() : '';
    const n = m ? Number(m[2]) : 0;
    if (!m || !criteria.includes(code) || n < 1 || n > 365)
      errors.push(
        `Cài đặt "${perLabel}": "${part.trim()}" không hợp lệ (cần mã tiêu chí có trong trang Tiêu chí và số ngày từ 1 đến 365, ví dụ "A2: 7").`,
      );
    else byCriterion[code] = n;
  }
  const periodLabel = LOOP_SETTING_ROWS[2][0];
  const periodText = text(periodLabel, LOOP_SETTING_ROWS[2][1]);
  let summary = parsePeriodSetting(periodText, today);
  if (!summary) {
    errors.push(
      `Cài đặt "${periodLabel}" không hợp lệ, nhận được "${periodText}" (dùng "Quý này").`,
    );
    summary = parsePeriodSetting('Quý này', today) as ChosenPeriod;
  }
  return { actions: { days, byCriterion, remindBefore }, summary };
}
