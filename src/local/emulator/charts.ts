// Embedded charts and data validation for the emulated Sheet and Range: builders as Google has them, every call counted.
import type { CallLog } from './calls';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from './errors';

/*
 * Charts: `sheet.newChart()` → EmbeddedChartBuilder (`setChartType`, `asLineChart`,
 * `asColumnChart`, `asBarChart`, `asPieChart`, `addRange`, `removeRange`, `clearRanges`,
 * `setPosition`, `setOption`, `setNumHeaders`, `setTitle`, `build`); `sheet.insertChart(chart)`,
 * `getCharts()`, `updateChart(chart)`, `removeChart(chart)`; a chart answers `getChartId`,
 * `getRanges`, `getOptions().get(key)`, `getContainerInfo()` and `modify()`. Google draws a chart
 * from its ranges when the sheet is shown; the emulator keeps the spec, and `chartData(sheet,
 * chart)` reads what it would draw (for the xlsx exporter and tests).
 *
 * Data validation: `SpreadsheetApp.newDataValidation()` → builder (`requireValueInList`,
 * `requireDate`, `setAllowInvalid`, `setHelpText`, `build`); `range.setDataValidation(rule|null)`,
 * `range.getDataValidation()`. Rules stay on the cells they were set on (U: a row inserted
 * above does not move them here; the dashboard never inserts rows).
 */

/** What a chart or a rule needs of a range: its sheet and its box. */
export interface RangeLike {
  _sheet: { _name: string; _sheetId: number };
  _row: number;
  _col: number;
  _numRows: number;
  _numCols: number;
  getA1Notation?: () => string;
}

const CHART_TYPES = new Set(['LINE', 'COLUMN', 'BAR', 'PIE', 'AREA', 'SCATTER', 'TABLE', 'COMBO']);

/** A built chart's spec. */
interface ChartSpec {
  type: string;
  ranges: RangeLike[];
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  numHeaders: number;
}

let nextChartId = 1000;

/** An `EmbeddedChartBuilder` (and its typed variants: one class, the type is a field). */
export class EmuEmbeddedChartBuilder {
  private spec: ChartSpec;

  constructor(
    private readonly log: CallLog,
    from?: ChartSpec,
    private readonly id: number | null = null,
  ) {
    this.spec = from
      ? { ...from, ranges: from.ranges.slice(), options: { ...from.options } }
      : {
          type: 'LINE',
          ranges: [],
          anchor: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
          options: {},
          numHeaders: -1,
        };
  }

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.EmbeddedChartBuilder';
  }

  private rec(method: string): void {
    this.log.record('EmbeddedChartBuilder', method);
  }

  private bad(method: string, args: ArrayLike<unknown>): Error {
    return signatureError(gasTypeNames(args), 'SpreadsheetApp', 'EmbeddedChartBuilder', method);
  }

  setChartType(...args: [type: unknown]): this {
    this.rec('setChartType');
    const t = String(args[0]);
    if (args.length !== 1 || !CHART_TYPES.has(t)) throw this.bad('setChartType', args);
    this.spec.type = t;
    return this;
  }

  asLineChart(): this {
    this.rec('asLineChart');
    this.spec.type = 'LINE';
    return this;
  }

  asColumnChart(): this {
    this.rec('asColumnChart');
    this.spec.type = 'COLUMN';
    return this;
  }

  asBarChart(): this {
    this.rec('asBarChart');
    this.spec.type = 'BAR';
    return this;
  }

  asPieChart(): this {
    this.rec('asPieChart');
    this.spec.type = 'PIE';
    return this;
  }

  addRange(...args: [range: RangeLike]): this {
    this.rec('addRange');
    const [r] = args;
    if (args.length !== 1 || !isRange(r)) throw this.bad('addRange', args);
    this.spec.ranges.push(r);
    return this;
  }

  removeRange(...args: [range: RangeLike]): this {
    this.rec('removeRange');
    const [r] = args;
    if (args.length !== 1 || !isRange(r)) throw this.bad('removeRange', args);
    this.spec.ranges = this.spec.ranges.filter((x) => !sameBox(x, r));
    return this;
  }

  clearRanges(): this {
    this.rec('clearRanges');
    this.spec.ranges = [];
    return this;
  }

  /** Anchors the chart's top-left corner at a cell, offset in pixels. */
  setPosition(
    ...args: [anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number]
  ): this {
    this.rec('setPosition');
    if (args.length !== 4 || !args.every((n) => Number.isInteger(n) && n >= 0))
      throw this.bad('setPosition', args);
    const [row, column, offsetX, offsetY] = args;
    if (row < 1 || column < 1) throw gasError('Those rows are out of bounds.');
    this.spec.anchor = { row, column, offsetX, offsetY };
    return this;
  }

  setOption(...args: [option: string, value: unknown]): this {
    this.rec('setOption');
    if (args.length !== 2 || typeof args[0] !== 'string') throw this.bad('setOption', args);
    this.spec.options[args[0]] = args[1];
    return this;
  }

  /** Typed builders' title setter; the same as the `title` option. */
  setTitle(...args: [title: string]): this {
    this.rec('setTitle');
    if (args.length !== 1 || typeof args[0] !== 'string') throw this.bad('setTitle', args);
    this.spec.options.title = args[0];
    return this;
  }

  setNumHeaders(...args: [headers: number]): this {
    this.rec('setNumHeaders');
    if (args.length !== 1 || !Number.isInteger(args[0])) throw this.bad('setNumHeaders', args);
    this.spec.numHeaders = args[0];
    return this;
  }

  getRanges(): RangeLike[] {
    this.rec('getRanges');
    return this.spec.ranges.slice();
  }

  getChartType(): string {
    this.rec('getChartType');
    return this.spec.type;
  }

  build(): EmuEmbeddedChart {
    this.rec('build');
    if (this.spec.ranges.length === 0)
      throw gasError('Cannot build a chart without at least one range of data.');
    return new EmuEmbeddedChart(
      this.log,
      { ...this.spec, options: { ...this.spec.options } },
      this.id,
    );
  }
}

/** A built `EmbeddedChart`: an id once inserted, its spec readable. */
export class EmuEmbeddedChart {
  _id: number | null;

  constructor(
    private readonly log: CallLog,
    readonly _spec: ChartSpec,
    id: number | null,
  ) {
    this._id = id;
  }

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.EmbeddedChart';
  }

  private rec(method: string): void {
    this.log.record('EmbeddedChart', method);
  }

  /** null until the chart is inserted (U: the reference does not say what a built chart returns). */
  getChartId(): number | null {
    this.rec('getChartId');
    return this._id;
  }

  getRanges(): RangeLike[] {
    this.rec('getRanges');
    return this._spec.ranges.slice();
  }

  getOptions(): { get: (key: string) => unknown } {
    this.rec('getOptions');
    const options = { ...this._spec.options };
    return { get: (key: string) => options[key] ?? null };
  }

  getContainerInfo(): {
    getAnchorRow: () => number;
    getAnchorColumn: () => number;
    getOffsetX: () => number;
    getOffsetY: () => number;
  } {
    this.rec('getContainerInfo');
    const a = { ...this._spec.anchor };
    return {
      getAnchorRow: () => a.row,
      getAnchorColumn: () => a.column,
      getOffsetX: () => a.offsetX,
      getOffsetY: () => a.offsetY,
    };
  }

  modify(): EmuEmbeddedChartBuilder {
    this.rec('modify');
    return new EmuEmbeddedChartBuilder(this.log, this._spec, this._id);
  }
}

/** A sheet's charts: what `Sheet.insertChart` and friends do (the Sheet records the call). */
export class ChartStore {
  readonly charts: EmuEmbeddedChart[] = [];

  insert(chart: unknown): void {
    if (!(chart instanceof EmuEmbeddedChart))
      throw signatureError(gasTypeNames([chart]), 'SpreadsheetApp', 'Sheet', 'insertChart');
    if (chart._id !== null && this.charts.some((c) => c._id === chart._id))
      // U: the live text is unknown; inserting the same chart twice is refused.
      throw gasError('The chart is already on the sheet.');
    chart._id = nextChartId++;
    this.charts.push(chart);
  }

  update(chart: unknown): void {
    if (!(chart instanceof EmuEmbeddedChart))
      throw signatureError(gasTypeNames([chart]), 'SpreadsheetApp', 'Sheet', 'updateChart');
    const k = this.charts.findIndex((c) => c._id === chart._id);
    if (chart._id === null || k < 0) throw gasError('The chart does not exist on this sheet.');
    this.charts[k] = chart;
  }

  remove(chart: unknown): void {
    if (!(chart instanceof EmuEmbeddedChart))
      throw signatureError(gasTypeNames([chart]), 'SpreadsheetApp', 'Sheet', 'removeChart');
    const k = this.charts.findIndex((c) => c._id === chart._id);
    if (k >= 0) this.charts.splice(k, 1);
  }
}

function isRange(r: unknown): r is RangeLike {
  const x = r as RangeLike;
  return !!x && typeof x === 'object' && typeof x._row === 'number' && !!x._sheet;
}

function sameBox(a: RangeLike, b: RangeLike): boolean {
  return (
    a._sheet === b._sheet &&
    a._row === b._row &&
    a._col === b._col &&
    a._numRows === b._numRows &&
    a._numCols === b._numCols
  );
}

/** What a chart shows, read from its sheet: type, title, anchor, and its ranges' values. */
export interface ChartData {
  type: string;
  title: string;
  anchor: { row: number; column: number };
  options: Record<string, unknown>;
  /** One table per range: the values Google would plot (header rows included). */
  tables: (string | number | boolean | Date)[][][];
}

/** The data a chart draws, for exporters and tests; `read` gives a range's values uncounted. */
export function chartData(
  chart: EmuEmbeddedChart,
  read: (r: RangeLike) => (string | number | boolean | Date)[][],
): ChartData {
  const s = chart._spec;
  return {
    type: s.type,
    title: String(s.options.title ?? ''),
    anchor: { row: s.anchor.row, column: s.anchor.column },
    options: { ...s.options },
    tables: s.ranges.map(read),
  };
}

// ----- Data validation -------------------------------------------------------------------------

interface RuleSpec {
  type: 'VALUE_IN_LIST' | 'DATE_IS_VALID_DATE' | null;
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string;
}

/** A `DataValidationBuilder`. */
export class EmuDataValidationBuilder {
  private spec: RuleSpec = {
    type: null,
    values: [],
    showDropdown: true,
    allowInvalid: true,
    helpText: '',
  };

  constructor(private readonly log: CallLog) {}

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.DataValidationBuilder';
  }

  private rec(method: string): void {
    this.log.record('DataValidationBuilder', method);
  }

  private bad(method: string, args: ArrayLike<unknown>): Error {
    return signatureError(gasTypeNames(args), 'SpreadsheetApp', 'DataValidationBuilder', method);
  }

  requireValueInList(...args: [values: string[], showDropdown?: boolean]): this {
    this.rec('requireValueInList');
    const [values, show] = args;
    if (
      args.length < 1 ||
      args.length > 2 ||
      !Array.isArray(values) ||
      !values.every((v) => typeof v === 'string') ||
      (args.length === 2 && typeof show !== 'boolean')
    )
      throw this.bad('requireValueInList', args);
    // Google caps a list rule at 500 items (U: the message); longer lists are refused.
    if (values.length > 500) throw gasError('The data validation list has too many items.');
    this.spec = {
      ...this.spec,
      type: 'VALUE_IN_LIST',
      values: values.slice(),
      showDropdown: show ?? true,
    };
    return this;
  }

  requireDate(): this {
    this.rec('requireDate');
    this.spec = { ...this.spec, type: 'DATE_IS_VALID_DATE', values: [] };
    return this;
  }

  setAllowInvalid(...args: [allowInvalidData: boolean]): this {
    this.rec('setAllowInvalid');
    if (args.length !== 1 || typeof args[0] !== 'boolean') throw this.bad('setAllowInvalid', args);
    this.spec.allowInvalid = args[0];
    return this;
  }

  setHelpText(...args: [helpText: string]): this {
    this.rec('setHelpText');
    if (args.length !== 1 || typeof args[0] !== 'string') throw this.bad('setHelpText', args);
    this.spec.helpText = args[0];
    return this;
  }

  build(): EmuDataValidation {
    this.rec('build');
    if (!this.spec.type) throw gasError('A data validation rule needs a criterion.');
    return new EmuDataValidation(this.log, { ...this.spec, values: this.spec.values.slice() });
  }
}

/** A built `DataValidation`. */
export class EmuDataValidation {
  constructor(
    private readonly log: CallLog,
    readonly _spec: RuleSpec,
  ) {}

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.DataValidation';
  }

  getCriteriaValues(): unknown[] {
    this.log.record('DataValidation', 'getCriteriaValues');
    return this._spec.type === 'VALUE_IN_LIST'
      ? [this._spec.values.slice(), this._spec.showDropdown]
      : [];
  }

  getAllowInvalid(): boolean {
    this.log.record('DataValidation', 'getAllowInvalid');
    return this._spec.allowInvalid;
  }

  getHelpText(): string {
    this.log.record('DataValidation', 'getHelpText');
    return this._spec.helpText;
  }

  /**
   * Whether a person may type `typed` (stored as `stored` after typed-input parsing); the UI
   * rejects it when the rule refuses invalid data. Script writes are not checked (U).
   */
  _accepts(typed: unknown, stored: unknown): boolean {
    if (this._spec.allowInvalid || typed === '' || typed === null || typed === undefined)
      return true;
    if (this._spec.type === 'VALUE_IN_LIST') return this._spec.values.includes(String(typed));
    // A date rule: what the typed text became (a date cell) decides.
    return stored instanceof Date;
  }
}

/** A sheet's validation rules by cell (`row:column`). */
export class ValidationStore {
  readonly rules = new Map<string, EmuDataValidation>();

  set(r: RangeLike, rule: unknown): void {
    if (rule !== null && !(rule instanceof EmuDataValidation))
      throw signatureError(gasTypeNames([rule]), 'SpreadsheetApp', 'Range', 'setDataValidation');
    for (let i = 0; i < r._numRows; i++)
      for (let j = 0; j < r._numCols; j++) {
        const key = `${r._row + i}:${r._col + j}`;
        if (rule === null) this.rules.delete(key);
        else this.rules.set(key, rule as EmuDataValidation);
      }
  }

  get(row: number, col: number): EmuDataValidation | null {
    return this.rules.get(`${row}:${col}`) ?? null;
  }
}
