// The scoring command: options, config file, CSV in, results.json and a Vietnamese summary out.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configFrom, DEFAULT_CONFIG } from '../core/config';
import { isValidIsoDate } from '../core/dates';
import { InputError, scoreExport } from '../core/score-export';
import type { Config, DateOrder } from '../core/types';
import { parseCsv, readCsvFile } from './csv';
import sample from './sample/responses.csv';
import { summaryLines } from './summary';

export const USAGE =
  'Cách dùng: npm start -- [--sample hanoi-2025] [--responses TỆP.csv] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--date-order dmy|mdy] [--config TỆP.json] [--out THƯ_MỤC] [--minutes]';

/** Options of the command line, validated. */
export interface CliOptions {
  responses?: string;
  from?: string;
  to?: string;
  dateOrder: DateOrder;
  config?: string;
  out: string;
  help: boolean;
  /** A biên bản per record in export mode. */
  minutes: boolean;
  /** The sample round: `my-duc-2019` (default) or `hanoi-2025` (a province office across the 2025 reform). */
  sample: 'my-duc-2019' | 'hanoi-2025';
}

/** Parses argv (without node and script); throws InputError with a Vietnamese message. */
export function parseCli(argv: string[]): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        responses: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'date-order': { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        minutes: { type: 'boolean' },
        sample: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    const m = /'([^']+)'/.exec((e as Error).message);
    throw new InputError(`Tùy chọn không hợp lệ${m ? `: ${m[1]}` : ''}. ${USAGE}`);
  }
  for (const k of ['from', 'to'] as const) {
    const v = values[k];
    if (v !== undefined && !isValidIsoDate(String(v)))
      throw new InputError(`--${k} phải là ngày dạng YYYY-MM-DD, nhận được "${v}".`);
  }
  const order = values['date-order'] ?? 'dmy';
  if (order !== 'dmy' && order !== 'mdy')
    throw new InputError(`--date-order chỉ nhận dmy hoặc mdy, nhận được "${order}".`);
  const sample = values.sample ?? 'my-duc-2019';
  if (sample !== 'my-duc-2019' && sample !== 'hanoi-2025')
    throw new InputError(`--sample chỉ nhận my-duc-2019 hoặc hanoi-2025, nhận được "${sample}".`);
  if (values.from && values.to && String(values.from) > String(values.to))
    throw new InputError(`--from (${values.from}) sau --to (${values.to}).`);
  return {
    responses: values.responses as string | undefined,
    from: values.from as string | undefined,
    to: values.to as string | undefined,
    dateOrder: order,
    config: values.config as string | undefined,
    out: (values.out as string | undefined) ?? 'out',
    help: values.help === true,
    minutes: values.minutes === true,
    sample,
  };
}

/** Loads and validates a JSON configuration file. */
export function loadConfig(path: string | undefined): Config {
  if (!path) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`Không tìm thấy tệp cấu hình: ${path}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`Tệp cấu hình ${path} không phải JSON hợp lệ: ${(e as Error).message}`);
  }
  const config = configFrom(data);
  if (!config.ok) throw new InputError(`Cấu hình ${path} không hợp lệ: ${config.errors.join(' ')}`);
  return config.value;
}

/** The scoring path alone (CSV in, results.json and the summary out), as the benchmark times it; returns the exit code. */
export function main(argv: string[]): number {
  try {
    const opts = parseCli(argv);
    if (opts.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = loadConfig(opts.config);
    const table = opts.responses ? readCsvFile(opts.responses) : parseCsv(sample);
    const run = scoreExport(table, config, opts);
    const outFile = join(opts.out, 'results.json');
    try {
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(outFile, `${JSON.stringify(run.results, null, 2)}\n`);
    } catch (e) {
      throw new InputError(`Không ghi được ${outFile}: ${(e as Error).message}`);
    }
    const source = opts.responses ?? 'đợt kiểm tra mẫu của huyện Mỹ Đức (2019) kèm theo dự án';
    process.stdout.write(
      `Chấm điểm: ${source}\n${summaryLines(run, outFile, config).join('\n')}\n`,
    );
    return 0;
  } catch (e) {
    return reportError(e);
  }
}

/** Writes an error as one Vietnamese line on stderr; returns the exit code (1 for bad input, 2 otherwise). */
export function reportError(e: unknown): number {
  const message =
    e instanceof InputError ? e.message : `Lỗi không mong đợi: ${(e as Error).message}`;
  process.stderr.write(`Lỗi: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return e instanceof InputError ? 1 : 2;
}
