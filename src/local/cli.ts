// Entry of `npm start`: the whole job on the emulator (sample round or an export), files written, ranking printed.

import { join, relative } from 'node:path';
import { mapColumns } from '../core/records';
import { InputError } from '../core/score-export';
import { parseCsv, readCsvFile } from './csv';
import { prepareOut, readBundle, runPipeline } from './pipeline';
import { hanoiConfig, SETTINGS, SETUP_AGAIN_AT } from './sample/hanoi-2025/office';
import hanoiSample from './sample/hanoi-2025/responses.csv';
import sample from './sample/responses.csv';
import { loadConfig, parseCli, reportError, USAGE } from './score-command';
import { summaryLines } from './summary';
import { successorLines } from './units-trend';

// exceljs's zip writer (archiver 5) still calls `new Buffer()`: a library's deprecation notice is
// not for the person running the command, so that one warning (DEP0005) is dropped.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code =
    typeof rest[0] === 'object' && rest[0] ? (rest[0] as { code?: string }).code : rest[1];
  if (code === 'DEP0005') return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

/** Runs the local mode; returns the exit code. Errors are one Vietnamese line on stderr. */
export async function main(argv: string[]): Promise<number> {
  try {
    const opts = parseCli(argv);
    if (opts.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const hanoi = opts.sample === 'hanoi-2025';
    const config = opts.config || !hanoi ? loadConfig(opts.config) : hanoiConfig();
    const table = opts.responses ? readCsvFile(opts.responses) : null;
    if (table && (table.length === 0 || !mapColumns(table[0], config.checklist)))
      throw new InputError('Tệp không có cột "Đơn vị được kiểm tra": không thể chấm điểm.');
    // A folder the files cannot go to is said before any work, and alone.
    prepareOut(opts.out);
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(
      opts.responses
        ? `Chạy toàn bộ quy trình trên tệp ${opts.responses}`
        : hanoi
          ? 'Chạy toàn bộ quy trình trên đợt mẫu của Sở Nội vụ Hà Nội qua ngày 01/7/2025 (126 xã, phường mới)'
          : 'Chạy toàn bộ quy trình trên đợt kiểm tra mẫu của huyện Mỹ Đức (18/02–01/03/2019)',
    );
    const { run, files, unsent } = await runPipeline({
      code: readBundle(),
      config,
      table,
      sample: parseCsv(hanoi ? hanoiSample : sample),
      ...(hanoi ? { settings: SETTINGS, setupAgainAt: SETUP_AGAIN_AT } : {}),
      from: opts.from,
      to: opts.to,
      dateOrder: opts.dateOrder,
      out: opts.out,
      minutes: opts.minutes,
      say,
    });
    say('');
    say(summaryLines(run, join(opts.out, 'results.json'), config).slice(0, -1).join('\n'));
    for (const line of successorLines(config, run.batch.inspections)) say(line);
    say(`Các tệp đã ghi (${files.length}):`);
    for (const f of files) say(`  ${relative(process.cwd(), f)}`);
    // The files are written either way; a report that did not go out makes the run fail.
    if (unsent.length)
      throw new InputError(
        `chưa gửi được báo cáo kỳ ${unsent.join(', ')}: lỗi đã ghi ở Nhật ký (xem các dòng "Nhật ký:" ở trên và trang Nhật ký trong ${join(opts.out, 'workbook.xlsx')}).`,
      );
    return 0;
  } catch (e) {
    return reportError(e);
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
