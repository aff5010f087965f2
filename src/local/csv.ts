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
  const wrong = otherDelimiter(body);
  if (wrong)
    throw new InputError(
      `Tệp dùng ${wrong} để phân cách cột, không phải dấu phẩy: hãy tải lại từ Google Biểu mẫu (Tải câu trả lời xuống (.csv)) hoặc lưu lại dạng "CSV UTF-8 (phân cách bằng dấu phẩy)".`,
    );
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

/**
 * The delimiter a spreadsheet in another locale wrote instead of commas (Excel in vi-VN writes
 * `;`, "Unicode text" writes tabs), judged from the header line; null when commas are used.
 */
function otherDelimiter(body: string): string | null {
  const header = body.split(/\r?\n|\r/, 1)[0] ?? '';
  // Fields of the header line under each delimiter, quotes respected (titles may hold commas).
  const fields = (delimiter: string) =>
    Papa.parse<string[]>(header, { delimiter }).data[0]?.length ?? 0;
  const commas = fields(',');
  if (fields(';') > commas) return 'dấu chấm phẩy (;)';
  if (fields('\t') > commas) return 'dấu tab';
  return null;
}

/** The encoding of a UTF-16 file (by its byte-order mark, or zero bytes between ASCII letters). */
function utf16(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE';
  const sample = bytes.subarray(0, 200);
  let evenZeros = 0;
  let oddZeros = 0;
  sample.forEach((b, i) => {
    if (b === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  });
  const half = sample.length / 2;
  if (oddZeros > half * 0.6 && evenZeros === 0) return 'UTF-16 LE';
  if (evenZeros > half * 0.6 && oddZeros === 0) return 'UTF-16 BE';
  return null;
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
  const wide = utf16(bytes);
  if (wide)
    throw new InputError(
      `Tệp CSV đang ở mã ${wide}, không phải UTF-8: ${path} (hãy lưu lại dạng "CSV UTF-8" hoặc tải lại từ Google Biểu mẫu).`,
    );
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
