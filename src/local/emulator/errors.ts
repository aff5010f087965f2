// Apps Script-shaped errors for the emulator: `name === 'Exception'` and the runtime's exact texts.

/** Lets emulator objects name themselves in signature errors, e.g. `SpreadsheetApp.Range`. */
export const GAS_TYPE = Symbol('gasType');

/** An Error as Apps Script throws it: the log shows `Exception: <message>`, `e.message` is the text. */
export function gasError(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

/**
 * The bad argument type/count error, e.g.
 * `The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.getRange.`
 * An empty `cls` gives a service-level method (`Utilities.formatDate`).
 */
export function signatureError(
  types: string[],
  service: string,
  cls: string,
  method: string,
): Error {
  const where = [service, cls, method].filter((part) => part !== '').join('.');
  return gasError(
    `The parameters (${types.join(',')}) don't match the method signature for ${where}.`,
  );
}

/**
 * How Apps Script names an argument's type in a signature error. Seen in public logs: `number`,
 * `String`, `number[]`, `null`, `(class)` for a plain object, `SpreadsheetApp.Range` for a service
 * object. Booleans, Dates and mixed arrays are a guess in the same style (U).
 */
export function gasTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'function') return 'Function';
  if (Array.isArray(value)) {
    const inner = new Set(value.map(gasTypeName));
    return `${inner.size === 1 ? [...inner][0] : 'Object'}[]`;
  }
  if (isDate(value)) return 'Date';
  const own = (value as { [GAS_TYPE]?: string })[GAS_TYPE];
  return typeof own === 'string' ? own : '(class)';
}

/** The type names of a call's arguments, for `signatureError`. */
export function gasTypeNames(args: ArrayLike<unknown>): string[] {
  return Array.from(args, gasTypeName);
}

/**
 * True for a Date from any realm: the bundle runs in `node:vm`, where its Dates are not
 * `instanceof` this realm's Date.
 */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
