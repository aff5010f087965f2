// LibreOffice for the "opens without repair" checks: found on PATH at load time, or the checks skip saying why.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A program's path when it is on PATH, else null. */
export function onPath(name: string): string | null {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const soffice = onPath('soffice') ?? onPath('libreoffice');

/** `test` when LibreOffice is installed, else `test.skip`. */
export const withOffice = soffice ? test : test.skip;

/** The test name, saying why it skips when LibreOffice is absent. */
export const officeTitle = `converts to PDF headless${soffice ? '' : ' (skipped: no soffice or libreoffice on PATH)'}`;

/**
 * Writes `bytes` as `name` in a fresh folder, converts it to PDF headless with its own profile,
 * checks a PDF came out and hands its path to `check`; the folder is removed afterwards.
 */
export async function convertToPdf(
  name: string,
  bytes: Buffer,
  check: (pdf: string) => void = () => {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'office-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    execFileSync(
      soffice as string,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'pipe', timeout: 170000 },
    );
    const pdf = join(dir, name.replace(/\.[^.]+$/, '.pdf'));
    expect(existsSync(pdf)).toBe(true);
    check(pdf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
