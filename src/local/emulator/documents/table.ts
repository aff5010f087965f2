// Table: rows, cells, borders and column widths.

import { gasError } from '../errors';
import { childIndexError, ElementBase, isInt } from './element-base';
import { EMPTY, NOT_DETACHED } from './helpers';
import {
  attach,
  detach,
  parents,
  patchStyle,
  type RowNode,
  replaceInHost,
  type TableNode,
  textOf,
} from './model';
import type { EmuTableCell } from './table-cell';
import { EmuTableRow } from './table-row';
import { EmuText } from './text';
import { elements } from './wrap';

/** A `Table`. */
export class EmuTable extends ElementBase<TableNode> {
  protected get cls(): string {
    return 'Table';
  }

  getNumRows(): number {
    this.rec('getNumRows');
    return this._node.rows.length;
  }

  getNumChildren(): number {
    this.rec('getNumChildren');
    return this._node.rows.length;
  }

  getRow(...args: [rowIndex: number]): EmuTableRow {
    this.rec('getRow');
    return this.rowAt(args, 'getRow');
  }

  getChild(...args: [childIndex: number]): EmuTableRow {
    this.rec('getChild');
    return this.rowAt(args, 'getChild');
  }

  getCell(...args: [rowIndex: number, cellIndex: number]): EmuTableCell {
    this.rec('getCell');
    const [r, c] = args;
    if (!isInt(r) || !isInt(c)) throw this.sig(args, 'getCell');
    const row = this.rowAt([r], 'getCell')._node;
    if (c < 0 || c >= row.cells.length) throw childIndexError(c, row.cells.length);
    return this.wrap(row.cells[c]) as EmuTableCell;
  }

  /** An empty row (no cells), or a detached row. */
  appendTableRow(...args: [tableRow?: EmuTableRow]): EmuTableRow {
    this.edit('appendTableRow');
    const node = this.rowArg(args, 'appendTableRow');
    attach(this._node, node);
    return this.wrap(node) as EmuTableRow;
  }

  insertTableRow(...args: [childIndex: number, tableRow?: EmuTableRow]): EmuTableRow {
    this.edit('insertTableRow');
    const [index] = args;
    if (!isInt(index)) throw this.sig(args, 'insertTableRow');
    if (index < 0 || index > this._node.rows.length)
      throw childIndexError(index, this._node.rows.length + 1);
    const node = this.rowArg(args.slice(1), 'insertTableRow', args);
    attach(this._node, node, index);
    return this.wrap(node) as EmuTableRow;
  }

  removeRow(...args: [rowIndex: number]): EmuTableRow {
    this.edit('removeRow');
    const row = this.rowAt(args, 'removeRow');
    detach(row._node);
    return row;
  }

  setBorderWidth(...args: [width: number]): EmuTable {
    this.edit('setBorderWidth');
    if (typeof args[0] !== 'number') throw this.sig(args, 'setBorderWidth');
    this._node.attrs = patchStyle(this._node.attrs, { BORDER_WIDTH: args[0] });
    return this;
  }

  /** 1 pt until set (U: the Docs default). */
  getBorderWidth(): number {
    this.rec('getBorderWidth');
    return Number(this._node.attrs.BORDER_WIDTH ?? 1);
  }

  setBorderColor(...args: [color: string]): EmuTable {
    this.edit('setBorderColor');
    if (typeof args[0] !== 'string') throw this.sig(args, 'setBorderColor');
    this._node.attrs = patchStyle(this._node.attrs, { BORDER_COLOR: args[0] });
    return this;
  }

  /** `#000000` until set (U). */
  getBorderColor(): string {
    this.rec('getBorderColor');
    return String(this._node.attrs.BORDER_COLOR ?? '#000000');
  }

  /** Width of one column in points. */
  setColumnWidth(...args: [columnIndex: number, width: number]): EmuTable {
    this.edit('setColumnWidth');
    const [column, width] = args;
    if (!isInt(column) || typeof width !== 'number') throw this.sig(args, 'setColumnWidth');
    this._node.columnWidths = { ...this._node.columnWidths, [column]: width };
    return this;
  }

  /** Null until set (U: live reports the computed width). */
  getColumnWidth(...args: [columnIndex: number]): number | null {
    this.rec('getColumnWidth');
    if (!isInt(args[0])) throw this.sig(args, 'getColumnWidth');
    return this._node.columnWidths[args[0]] ?? null;
  }

  getText(): string {
    this.rec('getText');
    return textOf(this._node);
  }

  editAsText(): EmuText {
    this.rec('editAsText');
    return new EmuText(this._app, this._doc, this._node);
  }

  replaceText(...args: [searchPattern: string, replacement: string]): EmuTable {
    this.edit('replaceText');
    const [pattern, replacement] = args;
    if (typeof pattern !== 'string' || typeof replacement !== 'string')
      throw this.sig(args, 'replaceText');
    replaceInHost(this._node, pattern, replacement);
    return this;
  }

  private rowAt(args: unknown[], method: string): EmuTableRow {
    const [i] = args;
    if (!isInt(i)) throw this.sig(args, method);
    const n = this._node.rows.length;
    if (i < 0 || i >= n) throw childIndexError(i, n);
    return this.wrap(this._node.rows[i]) as EmuTableRow;
  }

  private rowArg(rest: unknown[], method: string, all: unknown[] = rest): RowNode {
    const [value] = rest;
    if (rest.length === 0 || value === undefined || value === null)
      return { kind: 'TABLE_ROW', attrs: EMPTY, cells: [] };
    if (value instanceof EmuTableRow) {
      if (parents.has(value._node)) throw gasError(NOT_DETACHED);
      return value._node;
    }
    throw this.sig(all, method);
  }
}

elements.Table = EmuTable;
