// `npm run bench`: times the CLI path (parse, score, aggregate, write) on generated exports and reports peak memory.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateExport } from './generate';
import { main } from './score-command';

const SIZES = [1000, 10000, 100000];

interface CliFigures {
  rows: number;
  ms: number;
  rowsPerSec: number;
  peakMB: number;
}

/** In a child process: runs the CLI on one file and prints its own time and peak memory as JSON. */
function child(file: string, out: string): void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const t0 = process.hrtime.bigint();
  const code = main(['--responses', file, '--out', out]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write = write;
  if (code !== 0) process.exit(code);
  write(JSON.stringify({ ms, maxRssKB: process.resourceUsage().maxRSS }));
}

/** Generates an export of `rows` responses and times the CLI on it in a fresh process. */
function measureCli(rows: number, dir: string): CliFigures {
  const file = join(dir, `responses-${rows}.csv`);
  writeFileSync(file, generateExport(rows, 7));
  const r = spawnSync(process.execPath, [__filename, '--child', file, join(dir, `out-${rows}`)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`Chạy thử với ${rows} phiếu thất bại: ${r.stderr.trim()}`);
  const { ms, maxRssKB } = JSON.parse(r.stdout) as { ms: number; maxRssKB: number };
  return {
    rows,
    ms: Math.round(ms),
    rowsPerSec: Math.round((rows / ms) * 1000),
    peakMB: Math.round(maxRssKB / 1024),
  };
}

function run(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    child(args[1], args[2]);
    return;
  }
  const json = args.includes('--json');
  const dir = mkdtempSync(join(tmpdir(), 'ktcv-bench-'));
  try {
    const cli: Record<string, CliFigures> = {};
    for (const n of SIZES) {
      cli[n] = measureCli(n, dir);
      if (!json) {
        const f = cli[n];
        process.stdout.write(
          `CLI ${String(n).padStart(7)} phiếu: ${String(f.ms).padStart(6)} ms, ${String(f.rowsPerSec).padStart(7)} phiếu/giây, bộ nhớ đỉnh ${f.peakMB} MB\n`,
        );
      }
    }
    const small = cli[SIZES[0]];
    const large = cli[SIZES[SIZES.length - 1]];
    const growth = large.ms / Math.max(1, small.ms) / (large.rows / small.rows);
    if (json) process.stdout.write(`${JSON.stringify({ cli })}\n`);
    else
      process.stdout.write(
        `Tăng trưởng: thời gian cho mỗi phiếu ở ${large.rows} phiếu bằng ${growth.toFixed(2)} lần ở ${small.rows} phiếu (≈ 1 hoặc thấp hơn là tuyến tính).\n`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

run();
