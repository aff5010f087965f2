// Builds the Apps Script bundle into dist/ (Code.js + appsscript.json) and the Node tools into build/.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const quiet = process.argv.includes('--quiet');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: quiet ? 'warning' : 'info',
  loader: { '.csv': 'text' },
  // pdfkit reads its data files beside its own module, and fontkit comes with it: loaded from node_modules.
  external: ['pdfkit', 'fontkit'],
};

const entries = {
  cli: 'src/local/cli.ts',
  bench: 'src/local/bench.ts',
  'env-report': 'src/local/envcheck-command.ts',
  'units-cost': 'src/local/units-cost.ts',
};
for (const [name, file] of Object.entries(entries)) {
  if (existsSync(file)) await build({ ...node, entryPoints: [file], outfile: `build/${name}.js` });
}

// Apps Script has no modules: an IIFE exposes the entry module as `App`, and the footer declares
// one real top-level function per entry point, which is what triggers and menus look up. The
// entry points are the entry module's exported functions, so the list cannot drift from it.
const ENTRY_POINTS = [
  ...readFileSync('src/gas/entry.ts', 'utf8').matchAll(/^export function (\w+)/gm),
].map((m) => m[1]);
const footer = ENTRY_POINTS.map((n) => `function ${n}(e) { return App.${n}(e); }`).join('\n');
const bundle = {
  entryPoints: ['src/gas/entry.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'App',
  target: 'es2019',
  platform: 'neutral',
  footer: { js: footer },
  logLevel: quiet ? 'warning' : 'info',
  legalComments: 'none',
};
mkdirSync('dist', { recursive: true });
await build({ ...bundle, outfile: 'dist/Code.js' });
copyFileSync('appsscript.json', 'dist/appsscript.json');

// `--coverage`: the same bundle with the Apps Script layer instrumented (istanbul, mapped back to
// the .ts sources), for `npm run coverage`: src/gas only runs inside the bundle, so this is how
// its lines are counted (src/core is counted by jest where the tests import it). Never pushed.
if (process.argv.includes('--coverage')) {
  const { createInstrumenter } = await import('istanbul-lib-instrument');
  const { transform } = await import('esbuild');
  const { resolve } = await import('node:path');
  const instrumenter = createInstrumenter({ esModules: true, compact: false });
  const instrument = {
    name: 'istanbul',
    setup(b) {
      b.onLoad({ filter: /[/\\]src[/\\]gas[/\\].*\.ts$/ }, async (args) => {
        const file = resolve(args.path);
        const ts = readFileSync(file, 'utf8');
        const js = await transform(ts, {
          loader: 'ts',
          format: 'esm',
          target: 'es2019',
          sourcemap: 'external',
          sourcefile: file,
        });
        const map = JSON.parse(js.map);
        map.sources = [file];
        return { contents: instrumenter.instrumentSync(js.code, file, map), loader: 'js' };
      });
    },
  };
  await build({ ...bundle, outfile: 'build/Code.cov.js', plugins: [instrument] });
}
