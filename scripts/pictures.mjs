// Renders the README's pictures from what `npm start` writes: workbook, report pages, biên bản pages, and the emailed PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

const out = mkdtempSync(join(tmpdir(), 'ktcv-pictures-'));
execFileSync(process.execPath, ['--max-old-space-size=8192', 'build/cli.js', '--out', out], {
  stdio: 'ignore',
});
const docs = readdirSync(join(out, 'van-ban'));
const report = docs.find((f) => f.startsWith('Bao-cao'));
// The biên bản with a critical failure: what a commune signs when it matters most.
const minutes = docs.find((f) => f.startsWith('Bien-ban-Xa-Xuy-Xa'));
// The PDF Drive makes of the first report, as attached to the email (the emulator's rendering).
const mail = readdirSync(join(out, 'thu')).sort()[0];
const attached = (await simpleParser(readFileSync(join(out, 'thu', mail)))).attachments[0];
writeFileSync(join(out, 'emailed.pdf'), attached.content);

/** A file as a person opening it sees it: LibreOffice makes the PDF (a PDF is taken as it is). */
function pdfOf(file) {
  if (file.endsWith('.pdf')) return file;
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(out, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      file,
    ],
    { stdio: 'ignore' },
  );
  return join(
    out,
    `${file
      .split('/')
      .pop()
      .replace(/\.[^.]+$/, '')}.pdf`,
  );
}

const pageCount = (pdf) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 1);

// [source, picture name, page: a number, or 'last']
const pictures = [
  [join(out, 'workbook.xlsx'), 'workbook', 1],
  [join(out, 'van-ban', report), 'report', 1],
  [join(out, 'van-ban', report), 'report-table', 'table'],
  [join(out, 'van-ban', minutes), 'minutes', 1],
  [join(out, 'van-ban', minutes), 'minutes-signatures', 'last'],
  [join(out, 'emailed.pdf'), 'emailed-pdf', 1],
];
for (const [file, name, which] of pictures) {
  const pdf = pdfOf(file);
  let page = which;
  if (which === 'last') page = pageCount(pdf);
  if (which === 'table') {
    // The page where the ranking table continues: its header row repeated at the top.
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split(
      '\f',
    );
    const start = pages.findIndex((p) => /STT\s+Đơn vị/.test(p));
    page =
      pages.findIndex((p, i) => i > start && /^\s*\d*\s*STT\s+Đơn vị/m.test(p)) + 1 || start + 1;
  }
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    join(out, name),
  ]);
  renameSync(join(out, `${name}.png`), join('docs', `${name}.png`));
  console.log(`docs/${name}.png (${file.split('/').pop()}, trang ${page})`);
}
