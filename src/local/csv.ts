// Reads a Forms/Sheets CSV export from disk into rows of text (RFC 4180, UTF-8 with or without BOM).

import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from '../core/score-export';

/** Parses CSV text into rows; short records are kept short (the reader pads them). */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  // Papa guesses the delimiter when not told; exports are always comma-separated.
  const result = Papa.parse<string[]>(body, {
    delimiter: ',',
    newline: undefined,
    skipEmptyLines: false,
  });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError)
    throw new InputError(
      `Tệp không phải CSV hợp lệ (bản ghi ${(quoteError.row ?? 0) + 1}): dấu ngoặc kép không được đóng.`,
    );
  const rows = result.data;
  // A final line break yields one empty record, which is not a response.
  const last = rows[rows.length - 1];
  if (rows.length > 0 && last.length === 1 && last[0] === '') rows.pop();
  return rows;
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
