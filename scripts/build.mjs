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

const entries = { cli: 'src/local/cli.ts', bench: 'src/local/bench.ts' };
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
mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['src/gas/entry.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'App',
  target: 'es2019',
  platform: 'neutral',
  outfile: 'dist/Code.js',
  footer: { js: footer },
  logLevel: quiet ? 'warning' : 'info',
  legalComments: 'none',
});
copyFileSync('appsscript.json', 'dist/appsscript.json');
