// Reads a Forms/Sheets CSV export from disk into rows of text (RFC 4180, UTF-8 with or without BOM).

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/score-export';

/** Parses CSV text into rows; short records are kept short (the reader pads them). */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(
      `Tệp không phải CSV hợp lệ${err.lines ? ` (dòng ${err.lines})` : ''}: ${err.message.split('\n')[0]}`,
    );
  }
}

/** Reads and parses a CSV file, refusing files that are not UTF-8 text. */
export function readCsvFile(path: string): string[][] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`Không tìm thấy tệp: ${path}`);
    if (code === 'EISDIR')
      throw new InputError(`Đường dẫn là một thư mục, không phải tệp CSV: ${path}`);
    throw new InputError(`Không đọc được tệp ${path}: ${(e as Error).message}`);
  }
  if (bytes.includes(0)) throw new InputError(`Tệp không phải CSV (có dữ liệu nhị phân): ${path}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(
      `Tệp không phải CSV dạng UTF-8: ${path} (hãy tải lại từ Google Biểu mẫu hoặc Trang tính).`,
    );
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputError(`Tệp trống: ${path}`);
  return parseCsv(text);
}
