// A whole response table (header + records) → scored batch, aggregate and results.json: the one path the CLI and the workbook share.

import { aggregate, resolvePeriod } from './aggregate';
import { type Batch, scoreTable } from './engine';
import { makeContext } from './evaluate';
import { mapColumns } from './records';
import { type ResultsJson, resultsJson } from './results';
import type { Aggregate, Config, DateOrder } from './types';

/** Options of a scoring run. */
export interface ScoreOptions {
  from?: string;
  to?: string;
  dateOrder?: DateOrder;
}

/** Everything a scoring run produces. */
export interface ScoreRun {
  batch: Batch;
  aggregate: Aggregate;
  results: ResultsJson;
  /** Criterion and base-number codes with no column in the table. */
  absentColumns: string[];
  records: number;
}

/** Error for input a person must fix; its message is one Vietnamese sentence. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Scores a table of text cells whose first row is the header. */
export function scoreExport(
  table: readonly (readonly string[])[],
  config: Config,
  opts: ScoreOptions = {},
): ScoreRun {
  if (table.length === 0) throw new InputError('Tệp trống: không có dòng tiêu đề.');
  const map = mapColumns(table[0], config.checklist);
  if (!map) throw new InputError('Tệp không có cột "Đơn vị được kiểm tra": không thể chấm điểm.');
  const ctx = makeContext(config, opts.dateOrder ?? 'dmy', map.titles);
  const rows = table.slice(1);
  const batch = scoreTable(map, rows, ctx);
  let period: ReturnType<typeof resolvePeriod>;
  try {
    period = resolvePeriod(batch.inspections, opts.from, opts.to);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const agg = aggregate(config, batch.inspections, period);
  return {
    batch,
    aggregate: agg,
    results: resultsJson(agg, batch.review),
    absentColumns: map.absent,
    records: rows.length,
  };
}
