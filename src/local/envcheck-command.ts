// npm run env-report -- FILE.csv: reads the "Kiểm tra môi trường" sheet (downloaded as CSV) and says which emulator assumptions and cost figures live Google confirmed or contradicted. Updates nothing.

import { basename } from 'node:path';
import { InputError } from '../core/score-export';
import { readCsvFile } from './csv';

export const USAGE =
  'Cách dùng: npm run env-report -- TỆP.csv (trang "Kiểm tra môi trường" tải về: Tệp → Tải xuống → CSV).';

// The sheet's columns, as the bundle writes them (src/core/names.ts HEADERS.envCheck).
const COLUMNS = {
  key: 'Mã',
  item: 'Mục kiểm tra',
  expected: 'Trình giả lập giả định',
  found: 'Thực tế',
  verdict: 'Kết luận',
  ms: 'Mili giây',
} as const;

// Where each assumption lives, so the reader knows what to change when live Google disagrees.
const WHERE: Record<string, string> = {
  'form.published': 'src/local/emulator/forms/form-app.ts (FormApp.create, trạng thái xuất bản)',
  'form.emailType': 'src/local/emulator/forms/form.ts (setCollectEmail, setEmailCollectionType)',
  'sheet.visible':
    'src/local/emulator/forms/form.ts (setDestination: lúc trang câu trả lời hiện ra)',
  'sheet.name': 'src/local/emulator/forms/form.ts (tên trang câu trả lời theo ngôn ngữ)',
  'sheet.formUrl': 'src/local/emulator/spreadsheet/sheet.ts (Sheet.getFormUrl)',
  'column.placement': 'src/local/emulator/forms/form.ts (cột của câu hỏi thêm sau khi nối)',
  'timestamp.ms': 'src/local/emulator/forms/form.ts (dấu thời gian Google ghi vào trang)',
  'doc.removeFirst': 'src/local/emulator/documents/container-base.ts (Body.removeChild)',
  'docs.tableEnd': 'src/local/emulator/docs-api/structure.ts (chỉ số cuối bảng)',
  'docs.badTableLocation': 'src/local/emulator/docs-api/requests.ts (lỗi pinTableHeaderRows)',
  'docs.unsaved': 'src/local/emulator/docs-api/documents-collection.ts (chỉ thấy nội dung đã lưu)',
  'docs.insertText':
    'src/local/emulator/docs-api/requests.ts (insertText: ký tự bị bỏ, tách đoạn, xuống dòng)',
  'trigger.activeSpreadsheet':
    'src/local/emulator/spreadsheet/spreadsheet-app.ts (getActiveSpreadsheet)',
  'share.notify': 'src/local/emulator/drive/file.ts (addViewers)',
};

// A measured time above the table by this factor means the table is too optimistic; below
// 1/SLOW it is pessimistic, which the emulator intends (it charges the upper end).
const SLOW = 1.5;

/** One line of the findings. */
interface Line {
  key: string;
  item: string;
  expected: string;
  found: string;
  verdict: string;
  ms: number | null;
}

/** "2.8" → "2,8" (Vietnamese decimal comma). */
const vn = (n: number): string => n.toFixed(1).replace('.', ',').replace(/,0$/, '');

/** Reads the findings from the CSV rows; throws InputError naming the missing columns. */
export function readFindings(rows: string[][], name: string): Line[] {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const at = (col: string) => header.indexOf(col);
  const missing = Object.values(COLUMNS).filter((c) => at(c) < 0);
  if (missing.length)
    throw new InputError(
      `Tệp ${name} không phải trang "Kiểm tra môi trường" tải về dạng CSV: thiếu cột ${missing
        .map((c) => `"${c}"`)
        .join(', ')}.`,
    );
  const lines: Line[] = [];
  rows.slice(1).forEach((r, i) => {
    const cell = (col: string) => (r[at(col)] ?? '').trim();
    if (cell(COLUMNS.key) === '') return;
    const raw = cell(COLUMNS.ms).replace(/\./g, '').replace(',', '.');
    const ms = raw === '' ? null : Number(raw);
    if (ms !== null && !Number.isFinite(ms))
      throw new InputError(
        `Dòng ${i + 2} của tệp ${name}: cột "${COLUMNS.ms}" phải là số, nhận được "${cell(COLUMNS.ms)}".`,
      );
    lines.push({
      key: cell(COLUMNS.key),
      item: cell(COLUMNS.item),
      expected: cell(COLUMNS.expected),
      found: cell(COLUMNS.found),
      verdict: cell(COLUMNS.verdict),
      ms,
    });
  });
  if (!lines.length) throw new InputError(`Tệp ${name} không có dòng kết quả nào.`);
  return lines;
}

/** The report, line by line, in Vietnamese. */
export function envReport(lines: readonly Line[]): string[] {
  const out: string[] = [];
  const section = (title: string, items: string[]) => {
    if (!items.length) return;
    out.push('', `${title} (${items.length}):`, ...items);
  };
  const by = (v: string) => lines.filter((l) => l.verdict === v);
  const noted = by('Ghi nhận');
  if (noted.length) out.push(...noted.map((l) => `${l.item}: ${l.found}`));
  section(
    'Giả định được xác nhận',
    by('Khớp').map((l) => `- ${l.item}: ${l.found}`),
  );
  section(
    'Giả định bị bác bỏ',
    by('Khác').map(
      (l) =>
        `- ${l.item}: trình giả lập giả định ${l.expected}, thực tế: ${l.found}.${WHERE[l.key] ? ` Cần sửa ${WHERE[l.key]} rồi chạy lại kiểm thử.` : ''}`,
    ),
  );
  section(
    'Không kiểm tra được',
    by('Không kiểm tra được').map((l) => `- ${l.item}: ${l.found}`),
  );
  section(
    'Cần xem thêm',
    [...by('Cần xem thủ công'), ...by('Đang chờ')].map((l) => `- ${l.item}: ${l.found}`),
  );
  section(
    'Thời gian so với bảng chi phí',
    by('Đã đo').map((l) => {
      const figure = Number(/^(\d+)\s*ms$/.exec(l.expected)?.[1] ?? Number.NaN);
      const head = `- ${l.item}: đo ${l.ms ?? '?'} ms, bảng tính ${l.expected}`;
      if (l.ms === null || !Number.isFinite(figure) || figure <= 0) return `${head}: không so được`;
      const ratio = l.ms / figure;
      if (ratio > SLOW)
        return `${head}: chậm hơn bảng ${vn(ratio)} lần, cần nâng con số trong bảng chi phí`;
      if (ratio < 1 / SLOW)
        return `${head}: nhanh hơn bảng${ratio > 0 ? ` ${vn(1 / ratio)} lần` : ''} (bảng bi quan, có thể giữ)`;
      return `${head}: trong khoảng của bảng`;
    }),
  );
  const unknown = lines.filter(
    (l) =>
      ![
        'Ghi nhận',
        'Khớp',
        'Khác',
        'Không kiểm tra được',
        'Cần xem thủ công',
        'Đang chờ',
        'Đã đo',
      ].includes(l.verdict),
  );
  section(
    'Kết luận không rõ',
    unknown.map((l) => `- ${l.item}: "${l.verdict}"`),
  );
  out.push(
    '',
    'Lệnh này không sửa gì: hãy sửa trình giả lập và bảng chi phí (shared/reference/google-costs.md) theo các dòng trên, kèm nguồn là lần kiểm tra này.',
  );
  return out;
}

/** Runs the command; returns the exit code. */
export function main(argv: string[]): number {
  try {
    const file = argv.find((a) => !a.startsWith('-'));
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!file) throw new InputError(`Thiếu tệp kết quả. ${USAGE}`);
    let rows: string[][];
    try {
      rows = readCsvFile(file);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`Không đọc được tệp ${file}: ${(e as Error).message}`);
    }
    const lines = readFindings(rows, basename(file));
    process.stdout.write(`Kết quả "Kiểm tra môi trường" từ ${basename(file)}:\n`);
    process.stdout.write(`${envReport(lines).join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    process.stderr.write(`Lỗi không mong đợi: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
