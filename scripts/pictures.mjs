// Renders the README's pictures from what `npm start` writes: the workbook's first sheet and the report's first page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'ktcv-pictures-'));
execFileSync(process.execPath, ['--max-old-space-size=8192', 'build/cli.js', '--out', out], {
  stdio: 'ignore',
});
const report = readdirSync(join(out, 'van-ban')).find((f) => f.startsWith('Bao-cao'));
const minutes = readdirSync(join(out, 'van-ban')).find((f) => f.startsWith('Bien-ban-Xa-Xuy-Xa'));
const pictures = [
  [join(out, 'workbook.xlsx'), 'workbook'],
  [join(out, 'van-ban', report), 'report'],
  [join(out, 'van-ban', minutes), 'minutes'],
];
for (const [file, name] of pictures) {
  // LibreOffice, then the first page as PNG: what a person sees when opening the file.
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, file], {
    stdio: 'ignore',
  });
  const pdf = join(
    out,
    `${file
      .split('/')
      .pop()
      .replace(/\.[^.]+$/, '')}.pdf`,
  );
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    join(out, name),
  ]);
  renameSync(join(out, `${name}.png`), join('docs', `${name}.png`));
  console.log(`docs/${name}.png`);
}
