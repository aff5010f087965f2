// `npm run bench:units`: what the 2025 unit list costs: bundle size, loading and decoding the list, and setup for Hà Nội's 126 units through the bundle.

import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { listProvinces, provinceUnits, successorCodes } from '../core/admin-units';
import { ADMIN_UNITS_DATA } from '../core/admin-units-data';
import { createWorkspace, type Workspace } from './emulator/runtime';

// Pessimistic charges per call, seconds (../shared/reference/google-costs.md): what a call can cost
// at most, so the estimate is an upper bound until the emulator charges virtual time itself.
function charge(key: string): number {
  const [service, method] = key.split('.');
  if (service === 'FormApp' && (method === 'create' || method === 'openById')) return 1;
  if (service === 'FormApp' || service.endsWith('Item') || service === 'Form') return 0.4;
  if (['insertSheet', 'protect', 'setConditionalFormatRules', 'deleteSheet'].includes(method))
    return 0.5;
  if (service === 'ScriptApp' || service === 'DriveApp' || service === 'Folder') return 1;
  if (service === 'PropertiesService' || service === 'Properties') return 0.065;
  return 0.2;
}

function measureSetup(code: string): { calls: number; estimateS: number; nodeMs: number } {
  const ws: Workspace = createWorkspace({
    start: new Date('2025-09-01T02:00:00Z'),
    timeoutMs: 600000,
  });
  ws.run(code, 'setup');
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Cài đặt');
    const values = (sheet?.getDataRange().getValues() ?? []) as unknown[][];
    const set = (label: string, v: string) => {
      const i = values.findIndex((r) => r[0] === label);
      sheet?.getRange(i + 1, 2).setValue(v);
    };
    set('Cấp cơ quan', 'Tỉnh');
    set('Tỉnh, thành phố', 'Hà Nội');
  });
  ws.log.reset();
  const t0 = process.hrtime.bigint();
  const message = String(ws.run(code, 'setup'));
  const nodeMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!message.includes('126 đơn vị')) throw new Error(`Thiết lập thử thất bại: ${message}`);
  let estimate = (nodeMs / 1000) * 10;
  for (const [k, n] of ws.log.counts) estimate += charge(k) * n;
  return { calls: ws.log.total(), estimateS: Math.round(estimate * 10) / 10, nodeMs };
}

function time<T>(fn: () => T, repeat = 20): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / repeat;
}

const code = readFileSync('dist/Code.js', 'utf8');
const dataBytes = ADMIN_UNITS_DATA.reduce((n, s) => n + Buffer.byteLength(s) + 4, 0);
const compileMs = time(() => new Script(code).runInNewContext({}), 5);
// Decoding is cached per province, so the first call is the cost: measured once, cold.
const cold = <T>(fn: () => T): number => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const hanoiMs = cold(() => [provinceUnits('01').length, successorCodes('01').size]);
const decodeAll = cold(() => listProvinces().map((p) => successorCodes(p.code).size));
const setupCost = measureSetup(code);
const figures = {
  bundleKB: Math.round(Buffer.byteLength(code) / 102.4) / 10,
  unitDataKB: Math.round(dataBytes / 102.4) / 10,
  loadBundleMs: Math.round(compileMs * 10) / 10,
  decodeAllProvincesMs: Math.round(decodeAll * 100) / 100,
  hanoiUnitsAndMappingMs: Math.round(hanoiMs * 100) / 100,
  setup126: {
    calls: setupCost.calls,
    nodeMs: Math.round(setupCost.nodeMs),
    googleSecondsUpperBound: setupCost.estimateS,
  },
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
