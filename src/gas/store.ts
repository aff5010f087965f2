// Script properties: the form id, the response sheet, the validated configuration and the sheets' grid sizes.
/// <reference types="google-apps-script" />

import type { AppConfig } from '../core/config-tables';
import { PROPS } from '../core/names';

// A property value holds at most 9 KB: the configuration is split into chunks of this many characters.
const CHUNK = 2000;

/** Everything the script keeps in script properties, read in one call. */
export interface Stored {
  formId: string;
  responseSheet: string;
  app: AppConfig | null;
  grid: Record<string, number>;
}

/** Reads all script properties at once. */
export function readStore(): Stored {
  const p = PropertiesService.getScriptProperties().getProperties();
  let app: AppConfig | null = null;
  const n = Number(p[`${PROPS.config}.n`] ?? 0);
  if (n > 0) {
    let json = '';
    for (let i = 0; i < n; i++) json += p[`${PROPS.config}.${i}`] ?? '';
    try {
      app = JSON.parse(json) as AppConfig;
    } catch {
      app = null;
    }
  }
  let grid: Record<string, number> = {};
  try {
    grid = JSON.parse(p[PROPS.grid] ?? '{}') as Record<string, number>;
  } catch {
    grid = {};
  }
  return { formId: p[PROPS.formId] ?? '', responseSheet: p[PROPS.responseSheet] ?? '', app, grid };
}

/** Saves the validated configuration (chunked) so that a submission need not read the config sheets. */
export function saveConfig(app: AppConfig): void {
  const json = JSON.stringify(app);
  const props: Record<string, string> = {
    [`${PROPS.config}.n`]: String(Math.ceil(json.length / CHUNK)),
  };
  for (let i = 0; i * CHUNK < json.length; i++)
    props[`${PROPS.config}.${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
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
