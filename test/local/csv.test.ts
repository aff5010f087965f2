// CSV files a spreadsheet in another locale writes (UTF-16, semicolons, tabs) are refused with a message saying how to fix them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { formHeaders } from '../../src/core/records';
import { readCsvFile } from '../../src/local/csv';

const CLI = join(__dirname, '../../build/cli.js');
const headers = formHeaders(DEFAULT_CONFIG.checklist);
const row: string[] = headers.map((h) => (h.startsWith('Đơn vị') ? 'Xã Hợp Tiến' : ''));

function file(name: string, bytes: Buffer | string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'ktcv-csv-')), name);
  writeFileSync(f, bytes);
  return f;
}

const utf16le = (s: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
};
const text = (sep: string) => `${[headers, row].map((r) => r.join(sep)).join('\r\n')}\r\n`;

describe('readCsvFile', () => {
  test('a UTF-16 file (with or without a byte-order mark) is named as UTF-16, with how to save it', () => {
    expect(() => readCsvFile(file('le.csv', utf16le(text(','))))).toThrow(
      /mã UTF-16 LE, không phải UTF-8.*CSV UTF-8/,
    );
    expect(() => readCsvFile(file('be.csv', utf16be(text(','))))).toThrow(/mã UTF-16 BE/);
  });

  test('semicolon- and tab-separated files are named as such, not as broken quotes', () => {
    expect(() => readCsvFile(file('semi.csv', text(';')))).toThrow(/dấu chấm phẩy \(;\)/);
    expect(() => readCsvFile(file('tab.csv', text('\t')))).toThrow(/dấu tab/);
    const quoted = `${[headers, row].map((r) => r.map((c) => `"${c}"`).join(';')).join('\n')}\n`;
    expect(() => readCsvFile(file('semi-quoted.csv', quoted))).toThrow(/dấu chấm phẩy/);
  });

  test('a comma-separated file whose notes hold semicolons is read as usual', () => {
    const withNote = [...row];
    withNote[headers.indexOf('Ghi chú nhóm A')] = 'đi muộn; không đeo thẻ; thiếu biển tên';
    const rows = readCsvFile(
      file(
        'ok.csv',
        `${[headers, withNote].map((r) => r.map((c) => (c.includes(';') ? `"${c}"` : c)).join(',')).join('\n')}\n`,
      ),
    );
    expect(rows[1][headers.indexOf('Ghi chú nhóm A')]).toBe(
      'đi muộn; không đeo thẻ; thiếu biển tên',
    );
  });

  test('through the CLI: one Vietnamese line and a non-zero exit', () => {
    const r = spawnSync(process.execPath, [CLI, '--responses', file('x.csv', utf16le(text(',')))], {
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/UTF-16/);
  });
});
