// The house's layering, checked on the sources: the core imports only itself, the Apps Script layer only the core, and local mode drives the bundle instead of importing it.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

/** Every .ts file under a folder of src, with the module specifiers it imports. */
function imports(dir: string): { file: string; from: string[] }[] {
  const out: { file: string; from: string[] }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const text = readFileSync(p, 'utf8');
        const from = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map(
          (m) => m[1],
        );
        out.push({ file: relative(ROOT, p), from });
      }
    }
  };
  walk(join(ROOT, 'src', dir));
  return out;
}

const offending = (dir: string, bad: (spec: string) => boolean) =>
  imports(dir).flatMap(({ file, from }) => from.filter(bad).map((spec) => `${file}: ${spec}`));

describe('layers', () => {
  it('src/core imports nothing but src/core (no Node module, no package)', () => {
    expect(imports('core').length).toBeGreaterThan(20);
    expect(offending('core', (spec) => !spec.startsWith('./'))).toEqual([]);
  });

  it('src/gas imports only itself and src/core (no Node module, no package, no local code)', () => {
    expect(
      offending('gas', (spec) => !spec.startsWith('./') && !spec.startsWith('../core/')),
    ).toEqual([]);
  });

  it('local mode drives the built bundle: nothing under src/local imports src/gas', () => {
    expect(offending('local', (spec) => /(^|\/)gas\//.test(spec))).toEqual([]);
  });
});
