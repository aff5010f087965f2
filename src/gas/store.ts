// Script properties: the form id, the response sheet, the validated configuration, the sheets' grid sizes and the summary's tally.
/// <reference types="google-apps-script" />

import type { AppConfig } from '../core/config-tables';
import { PROPS } from '../core/names';
import type { SummaryTally } from '../core/summary-tally';

// The kept tally of the summary (chunked like the configuration) and the `Cài đặt` rows the
// loop's settings are read from, cached with the configuration.
const TALLY = 'summaryTally';
const LOOP_ROWS = 'configLoopRows';
// A tally larger than this is not kept (a very long unit list): the summary is then recomputed.
const TALLY_MAX = 200000;

// A property value holds at most 9 KB: the configuration is split into chunks of this many characters.
const CHUNK = 2000;

/** Everything the script keeps in script properties, read in one call. */
export interface Stored {
  formId: string;
  responseSheet: string;
  app: AppConfig | null;
  grid: Record<string, number>;
  /** The summary's tally as last saved, or null. */
  tally: SummaryTally | null;
  /** Every property as read, for flags checked without another call. */
  raw: Record<string, string>;
}

/** `Cài đặt` rows as cached with the configuration (cells as the text they are read as), or null. */
let loopRows: string[][] | null = null;

/**
 * Makes this execution read `Cài đặt` itself (a whole pass, which should not trust a cache that
 * an edit by another program, which fires no onEdit, may have left stale).
 */
export function uncacheLoopRows(): void {
  loopRows = null;
}

/** The `Cài đặt` rows cached with the configuration in this execution, or null (read the sheet). */
export function cachedLoopRows(): string[][] | null {
  return loopRows;
}

function chunksOf(key: string, json: string): Record<string, string> {
  const props: Record<string, string> = { [`${key}.n`]: String(Math.ceil(json.length / CHUNK)) };
  for (let i = 0; i * CHUNK < json.length; i++)
    props[`${key}.${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return props;
}

function joined(p: Record<string, string>, key: string): string | null {
  const n = Number(p[`${key}.n`] ?? 0);
  if (!(n > 0)) return null;
  let json = '';
  for (let i = 0; i < n; i++) json += p[`${key}.${i}`] ?? '';
  return json;
}

/**
 * The rows a submission was about to write, with the processed timestamp and status it wrote:
 * saved with the tally before the state columns are written, cleared after.
 */
export const SUMMARY_PENDING = 'summaryPending';

/** The properties that save a tally (one setProperties with whatever else is written then). */
export function tallyProps(t: SummaryTally | null): Record<string, string> {
  if (t === null) return { [`${TALLY}.n`]: '0' };
  const json = JSON.stringify(t);
  return json.length > TALLY_MAX ? { [`${TALLY}.n`]: '0' } : chunksOf(TALLY, json);
}

/** Forgets the tally: the next submission recomputes it from every row. */
export function dropTally(): void {
  PropertiesService.getScriptProperties().setProperties({
    ...tallyProps(null),
    [SUMMARY_PENDING]: '[]',
  });
}

/** Reads all script properties at once. */
export function readStore(): Stored {
  const p = PropertiesService.getScriptProperties().getProperties();
  let app: AppConfig | null = null;
  const json = joined(p, PROPS.config);
  if (json !== null) {
    try {
      app = JSON.parse(json) as AppConfig;
      loopRows = p[LOOP_ROWS] ? (JSON.parse(p[LOOP_ROWS]) as string[][]) : null;
    } catch {
      app = null;
      loopRows = null;
    }
  }
  let tally: SummaryTally | null = null;
  try {
    const t = joined(p, TALLY);
    tally = t === null ? null : (JSON.parse(t) as SummaryTally);
  } catch {
    tally = null;
  }
  let grid: Record<string, number> = {};
  try {
    grid = JSON.parse(p[PROPS.grid] ?? '{}') as Record<string, number>;
  } catch {
    grid = {};
  }
  return {
    formId: p[PROPS.formId] ?? '',
    responseSheet: p[PROPS.responseSheet] ?? '',
    app,
    grid,
    tally,
    raw: p,
  };
}

/**
 * Saves the validated configuration (chunked) so that a submission need not read the config
 * sheets, with the `Cài đặt` rows (each cell as the text the loop's settings read it as).
 */
export function saveConfig(
  app: AppConfig,
  settingsRows: readonly (readonly unknown[])[] | null = null,
): void {
  const props = chunksOf(PROPS.config, JSON.stringify(app));
  loopRows = settingsRows
    ? settingsRows.map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))))
    : null;
  const rows = loopRows ? JSON.stringify(loopRows) : '';
  // Too long for one property: the loop reads the sheet instead.
  if (rows.length > 8000) loopRows = null;
  props[LOOP_ROWS] = loopRows ? rows : '';
  PropertiesService.getScriptProperties().setProperties(props);
}

/** Forgets the cached configuration (the config sheets were edited). */
export function dropConfig(): void {
  PropertiesService.getScriptProperties().setProperty(`${PROPS.config}.n`, '0');
}

/** Saves some plain properties. */
export function saveProps(
  values: Partial<Record<'formId' | 'responseSheet', string>> & { grid?: Record<string, number> },
): void {
  const props: Record<string, string> = {};
  if (values.formId !== undefined) props[PROPS.formId] = values.formId;
  if (values.responseSheet !== undefined) props[PROPS.responseSheet] = values.responseSheet;
  if (values.grid !== undefined) props[PROPS.grid] = JSON.stringify(values.grid);
  PropertiesService.getScriptProperties().setProperties(props);
}
