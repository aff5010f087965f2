// TableRow: cells of one table row.

import { gasError } from '../errors';
import { childIndexError, ElementBase, isInt } from './element-base';
import { NOT_DETACHED } from './helpers';
import {
  attach,
  type CellNode,
  detach,
  newCell,
  parents,
  patchStyle,
  type RowNode,
  textOf,
} from './model';
import type { EmuTable } from './table';
import { EmuTableCell } from './table-cell';
import { EmuText } from './text';
import { elements } from './wrap';

/** A `TableRow`. */
export class EmuTableRow extends ElementBase<RowNode> {
  protected get cls(): string {
    return 'TableRow';
  }

  getNumCells(): number {
    this.rec('getNumCells');
    return this._node.cells.length;
  }

  getNumChildren(): number {
    this.rec('getNumChildren');
    return this._node.cells.length;
  }

  getCell(...args: [cellIndex: number]): EmuTableCell {
    this.rec('getCell');
    return this.cellAt(args, 'getCell');
  }

  getChild(...args: [childIndex: number]): EmuTableCell {
    this.rec('getChild');
    return this.cellAt(args, 'getChild');
  }

  /** A new cell with one paragraph holding `text` (or a detached cell). */
  appendTableCell(...args: [textOrCell?: string | EmuTableCell]): EmuTableCell {
    this.edit('appendTableCell');
    const node = this.cellArg(args, 'appendTableCell');
    attach(this._node, node);
    return this.wrap(node) as EmuTableCell;
  }

  insertTableCell(...args: [childIndex: number, textOrCell?: string | EmuTableCell]): EmuTableCell {
    this.edit('insertTableCell');
    const [index] = args;
    if (!isInt(index)) throw this.sig(args, 'insertTableCell');
    if (index < 0 || index > this._node.cells.length)
      throw childIndexError(index, this._node.cells.length + 1);
    const node = this.cellArg(args.slice(1), 'insertTableCell', args);
    attach(this._node, node, index);
    return this.wrap(node) as EmuTableCell;
  }

  removeCell(...args: [cellIndex: number]): EmuTableCell {
    this.edit('removeCell');
    const cell = this.cellAt(args, 'removeCell');
    detach(cell._node);
    return cell;
  }

  setMinimumHeight(...args: [points: number]): EmuTableRow {
    this.edit('setMinimumHeight');
    if (typeof args[0] !== 'number') throw this.sig(args, 'setMinimumHeight');
    this._node.attrs = patchStyle(this._node.attrs, { MINIMUM_HEIGHT: args[0] });
    return this;
  }

  getMinimumHeight(): number | null {
    this.rec('getMinimumHeight');
    const v = this._node.attrs.MINIMUM_HEIGHT;
    return typeof v === 'number' ? v : null;
  }

  getParentTable(): EmuTable | null {
    this.rec('getParentTable');
    const t = parents.get(this._node);
    return t ? (this.wrap(t) as EmuTable) : null;
  }

  getText(): string {
    this.rec('getText');
    return textOf(this._node);
  }

  editAsText(): EmuText {
    this.rec('editAsText');
    return new EmuText(this._app, this._doc, this._node);
  }

  private cellAt(args: unknown[], method: string): EmuTableCell {
    const [i] = args;
    if (!isInt(i)) throw this.sig(args, method);
    const n = this._node.cells.length;
    if (i < 0 || i >= n) throw childIndexError(i, n);
    return this.wrap(this._node.cells[i]) as EmuTableCell;
  }

  private cellArg(rest: unknown[], method: string, all: unknown[] = rest): CellNode {
    const [value] = rest;
    if (rest.length === 0 || value === undefined || value === null) return newCell('');
    if (typeof value === 'string') return newCell(value);
    if (value instanceof EmuTableCell) {
      if (parents.has(value._node)) throw gasError(NOT_DETACHED);
      return value._node;
    }
    throw this.sig(all, method);
  }
}

elements.TableRow = EmuTableRow;
