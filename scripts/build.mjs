// Builds the Node tools (CLI, benchmark) into build/ and, once it exists, the Apps Script bundle into dist/.
import { existsSync } from 'node:fs';
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
};

const entries = { cli: 'src/local/cli.ts', bench: 'src/local/bench.ts' };
for (const [name, file] of Object.entries(entries)) {
  if (existsSync(file)) await build({ ...node, entryPoints: [file], outfile: `build/${name}.js` });
}
