// The CLI's lines about units that ended during the period: each inspection of an old unit shown under the unit it continues in.

import { formatDmy } from '../core/dates';
import type { Config, Inspection } from '../core/types';
import { followUnits } from '../core/units';
import { sortVi } from '../core/vi';

const num1 = (x: number) => x.toFixed(1).replace('.', ',');

/**
 * For each unit of the last inspection date that carries inspections of units that have ended
 * (merged in the 2025 reform or before), one line listing every inspection under the name it was
 * made at, `Xã Hợp Tiến (nay thuộc Xã Hồng Sơn)`; a divided unit under its own name, labelled
 * `(đã chia tách, nay thuộc …)`; no line when no unit changed.
 */
export function successorLines(config: Config, inspections: readonly Inspection[]): string[] {
  const asOf = inspections
    .map((i) => i.date)
    .sort()
    .pop();
  if (!asOf) return [];
  const followed = followUnits(config.units, inspections, asOf);
  const groups = new Map<string, typeof followed>();
  for (const f of followed) {
    const key = `${f.now.code}|${f.now.name}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  // A unit divided between several continues in none: its own group, its label saying so.
  const changed = [...groups.values()].filter((g) =>
    g.some((f) => f.then !== f.now || f.label !== f.then.name),
  );
  if (changed.length === 0) return [];
  const lines = [
    '',
    `Theo đơn vị hiện nay (ngày ${formatDmy(asOf)}), kể cả đơn vị cũ đã sáp nhập:`,
  ];
  for (const g of sortVi(changed, (x) => x[0].now.name)) {
    const list = [...g].sort((a, b) => (a.item.date < b.item.date ? -1 : 1));
    lines.push(
      `  ${g[0].now.name}: ${list.map((f) => `${f.label} ${formatDmy(f.item.date)} ${num1(f.item.score)}`).join('; ')}`,
    );
  }
  return lines;
}
