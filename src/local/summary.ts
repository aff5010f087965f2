// The Vietnamese summary the CLI prints: period, ranking table, review counts and reasons.

import { formatDmy } from '../core/dates';
import { isConflictWarning } from '../core/records';
import { byUnit, capReason } from '../core/report';
import { REVIEW_LABELS } from '../core/results';
import type { ScoreRun } from '../core/score-export';
import type { Config, ReviewCode } from '../core/types';

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s].length)) + s;
// Lines of a long list printed before the rest is only counted.
const SHOWN = 10;
// A unit's name in a printed line: an office's list may hold a name pasted with a whole text in it.
const name = (s: string) => (s.length > NAME_CHARS ? `${s.slice(0, NAME_CHARS)}…` : s);
const NAME_CHARS = 120;
const num1 = (x: number) => x.toFixed(1).replace('.', ',');

/** Formats a period for people: `từ 18/02/2019 đến 24/02/2019`. */
export function periodText(from: string | null, to: string | null): string {
  if (!from || !to) return 'không có phiếu kiểm tra nào được chấm điểm';
  return `từ ${formatDmy(from)} đến ${formatDmy(to)}`;
}

/** The summary as lines of text (`config`'s units tell a reused code's units apart). */
export function summaryLines(run: ScoreRun, outFile: string, config: Config): string[] {
  const { aggregate: agg, batch } = run;
  const lines: string[] = [];
  lines.push(`Kỳ báo cáo: ${periodText(agg.period.from, agg.period.to)}`);
  lines.push(
    `Đã đọc ${run.records} phiếu: ${batch.inspections.length} được chấm điểm (${agg.inspections.length} trong kỳ), ${batch.review.length} cần xem lại.`,
  );
  if (run.absentColumns.length)
    lines.push(
      `Cảnh báo: tệp không có cột cho ${run.absentColumns.join(', ')}: các mục này bị coi là bỏ trống.`,
    );
  // Columns of the same name that disagree: the rightmost counted, and every such record named.
  const conflicts = batch.inspections.flatMap((i) =>
    i.warnings.filter(isConflictWarning).map((w) => `  - Dòng ${i.row}: ${w}`),
  );
  if (conflicts.length)
    lines.push(
      `Cảnh báo: ${conflicts.length} chỗ các cột trùng tên ghi khác nhau trong cùng một phiếu:`,
      ...conflicts.slice(0, SHOWN),
      ...(conflicts.length > SHOWN
        ? [`  … và ${conflicts.length - SHOWN} chỗ khác (xem "warnings" trong results.json).`]
        : []),
    );
  lines.push('');
  if (agg.units.length) {
    const w = Math.max(6, ...agg.units.map((u) => [...name(u.unit)].length));
    lines.push(
      `${pad('Hạng', 5)} ${pad('Đơn vị', w)} ${padStart('Số lần', 6)} ${padStart('Điểm TB', 7)}  Xếp loại`,
    );
    for (const u of agg.units)
      lines.push(
        `${padStart(String(u.rank), 4)}  ${pad(name(u.unit), w)} ${padStart(String(u.inspections), 6)} ${padStart(num1(u.mean), 7)}  ${u.tier}`,
      );
    // Ranked by classification first: a capped unit below a higher class says why.
    const lowered = agg.units.filter((u) => u.tier !== u.uncappedTier);
    if (lowered.length) {
      const units = byUnit(agg.inspections, config.units);
      lines.push(
        '',
        'Xếp loại bị hạ do vi phạm nghiêm trọng (xếp hạng theo xếp loại trước, rồi theo điểm):',
      );
      for (const u of lowered)
        lines.push(
          `  - ${name(u.unit)}: ${num1(u.mean)} điểm, xếp loại ${u.tier} (${capReason(units.get(u.key) ?? [])}; theo điểm là ${u.uncappedTier})`,
        );
    }
  } else lines.push('Không có đơn vị nào được chấm điểm trong kỳ.');
  if (agg.notInspected.length)
    lines.push(
      '',
      `Chưa được kiểm tra (${agg.notInspected.length}): ${agg.notInspected.map((u) => name(u.unit)).join(', ')}`,
    );
  if (batch.review.length) {
    const counts = new Map<ReviewCode, number>();
    for (const r of batch.review) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
    const parts = [...counts].map(([code, n]) => `${n} ${REVIEW_LABELS[code].toLowerCase()}`);
    lines.push('', `Cần xem lại ${batch.review.length} phiếu (${parts.join(', ')}):`);
    for (const r of batch.review) lines.push(`  - Dòng ${r.row}: ${r.reason}`);
  }
  lines.push('', `Đã ghi kết quả: ${outFile}`);
  return lines;
}
