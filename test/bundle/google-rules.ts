// Google's behaviour where the emulator at this commit is more lenient, applied for one test body (to be replaced by the emulator's own switches).

import { EmuForm, EmuItem, FormAppEmu } from '../../src/local/emulator/forms';
import type { Workspace } from '../../src/local/emulator/runtime';

/** Replaces a prototype method for the duration of `body` (Google's stricter or failing behaviour). */
export function patched<T extends object, K extends keyof T>(
  proto: T,
  key: K,
  impl: (original: T[K]) => T[K],
  body: () => void,
): void {
  const original = proto[key];
  proto[key] = impl(original);
  try {
    body();
  } finally {
    proto[key] = original;
  }
}

/** Google refuses a typed item (what `addXItem()` returns) in `moveItem` and `deleteItem`. */
export function strictItems(body: () => void): void {
  const refuse =
    (method: string) =>
    <F>(original: F): F =>
      function (this: EmuForm, ...args: unknown[]) {
        const first = args[0];
        if (typeof first === 'object' && first !== null && !(first instanceof EmuItem))
          throw new Error(
            `The parameters (FormApp.${first.constructor.name.replace(/^Emu/, '')},number) don't match the method signature for FormApp.Form.${method}.`,
          );
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as F;
  patched(EmuForm.prototype, 'moveItem', refuse('moveItem'), () =>
    patched(EmuForm.prototype, 'deleteItem', refuse('deleteItem'), body),
  );
}

/**
 * Google never overwrites a column of the sheet: it either inserts a new question's column at the
 * end of its own block, shifting the script's columns right, or puts it after the last used
 * column (U). The emulator at this commit writes over the next column instead; this stands in for
 * the first reading until the emulator has the switch.
 */
export function googleInsertsBeforeStateColumns(ws: Workspace, body: () => void): void {
  patched(
    EmuForm.prototype,
    '_add',
    (original) =>
      function (this: EmuForm, ...args: Parameters<EmuForm['_add']>) {
        const d = this._dest;
        if (d && !['PAGE_BREAK', 'SECTION_HEADER', 'IMAGE', 'VIDEO'].includes(args[0]))
          ws.log.uncounted(() => d.sheet.insertColumnBefore(d.nextCol));
        return original.apply(this, args);
      },
    body,
  );
}

/** Forms made after 30 June 2026 start unpublished unless `create(title, true)` asks otherwise (V: Forms API change notice). */
export function newFormsUnpublished(body: () => void): void {
  patched(
    FormAppEmu.prototype,
    'create',
    (original) =>
      function (this: FormAppEmu, ...args: [string, boolean?]) {
        const form = original.apply(this, args);
        if (args[1] === undefined) form.setPublished(false);
        return form;
      } as FormAppEmu['create'],
    body,
  );
}
