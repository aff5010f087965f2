// pdftotext (poppler-utils) for reading back the text of a PDF: found on PATH at load time, or the checks skip saying why.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onPath } from './libreoffice';

const pdftotext = onPath('pdftotext');

/** `test` when pdftotext is installed, else `test.skip`. */
export const withPdfText = pdftotext ? test : test.skip;

/** A suffix for a test's name saying why it skips when pdftotext is absent. */
export const pdfTextNote = pdftotext
  ? ''
  : ' (skipped: no pdftotext on PATH; apt install poppler-utils)';

/** The text of a PDF as pdftotext reads it (reading order, `-layout` off), pages split by form feeds. */
export function pdfToText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdftext-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    return execFileSync(pdftotext as string, ['-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
