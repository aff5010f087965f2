// `npm run mutants`: small deliberate bugs, each applied to a scratch copy of the project; the suite must fail on every one.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MUTANTS } from './mutants.list.mjs';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = only.length ? MUTANTS.filter((m) => only.includes(m.id)) : MUTANTS;

/** A scratch copy of the sources and tests, sharing node_modules, so the work tree is never mutated. */
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'ktcv-mutant-'));
  for (const p of ['src', 'test', 'scripts', 'appsscript.json', 'package.json', 'tsconfig.json']) {
    cpSync(join(root, p), join(dir, p), { recursive: true });
  }
  cpSync(join(root, 'jest.config.js'), join(dir, 'jest.config.js'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const results = [];
for (const m of chosen) {
  const dir = scratch();
  try {
    const file = join(dir, m.file);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(m.find);
    if (at < 0 || text.indexOf(m.find, at + 1) >= 0) {
      results.push({ ...m, outcome: 'stale' });
      console.log(`? ${m.id}: the code to mutate is not found once in ${m.file} (update the list)`);
      continue;
    }
    writeFileSync(file, text.slice(0, at) + m.replace + text.slice(at + m.find.length));
    execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: dir, stdio: 'pipe' });
    const jest = join(root, 'node_modules/jest/bin/jest.js');
    const run = spawnSync(process.execPath, [jest, '--silent', ...m.tests], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    const outcome = run.status === 0 ? 'survived' : 'killed';
    results.push({ ...m, outcome });
    console.log(`${outcome === 'killed' ? '✓' : '✗'} ${m.id}: ${m.what} — ${outcome}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const killed = results.filter((r) => r.outcome === 'killed').length;
const scored = results.filter((r) => r.outcome !== 'stale').length;
console.log(
  `\n${killed} of ${scored} mutants killed (${Math.round((killed / Math.max(scored, 1)) * 100)}%)`,
);
process.exit(killed === scored && scored === results.length ? 0 : 1);
