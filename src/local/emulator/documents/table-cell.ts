// TableCell: a container cell of a table row (text, colours, padding, width).

import type { GasEnumValue } from '../utilities';
import { ContainerBase } from './container-base';
import { ENUMS, enumValueName, lookup, type Value } from './helpers';
import { type CellNode, parents, patchStyle } from './model';
import { isNumberOrNull, isStringOrNull } from './paragraph-base';
import type { EmuTable } from './table';
import type { EmuTableRow } from './table-row';
import { elements } from './wrap';

/** A `TableCell`: a container with background, vertical alignment, padding and width. */
export class EmuTableCell extends ContainerBase<CellNode> {
  protected get cls(): string {
    return 'TableCell';
  }

  setBackgroundColor(...args: [color: string]): EmuTableCell {
    return this.setCell('setBackgroundColor', 'BACKGROUND_COLOR', args, isStringOrNull);
  }

  getBackgroundColor(): string | null {
    return this.getCell('getBackgroundColor', 'BACKGROUND_COLOR') as string | null;
  }

  setVerticalAlignment(...args: [alignment: GasEnumValue]): EmuTableCell {
    this.edit('setVerticalAlignment');
    const name = enumValueName(ENUMS.VerticalAlignment, args[0]);
    if (args.length !== 1 || name === undefined) throw this.sig(args, 'setVerticalAlignment');
    this._node.attrs = patchStyle(this._node.attrs, { VERTICAL_ALIGNMENT: name });
    return this;
  }

  getVerticalAlignment(): GasEnumValue | null {
    this.rec('getVerticalAlignment');
    const v = this._node.attrs.VERTICAL_ALIGNMENT;
    return v === undefined ? null : lookup(ENUMS.VerticalAlignment, String(v));
  }

  setPaddingTop(...args: [points: number]): EmuTableCell {
    return this.setCell('setPaddingTop', 'PADDING_TOP', args, isNumberOrNull);
  }

  setPaddingBottom(...args: [points: number]): EmuTableCell {
    return this.setCell('setPaddingBottom', 'PADDING_BOTTOM', args, isNumberOrNull);
  }

  setPaddingLeft(...args: [points: number]): EmuTableCell {
    return this.setCell('setPaddingLeft', 'PADDING_LEFT', args, isNumberOrNull);
  }

  setPaddingRight(...args: [points: number]): EmuTableCell {
    return this.setCell('setPaddingRight', 'PADDING_RIGHT', args, isNumberOrNull);
  }

  getPaddingTop(): number | null {
    return this.getCell('getPaddingTop', 'PADDING_TOP') as number | null;
  }

  getPaddingBottom(): number | null {
    return this.getCell('getPaddingBottom', 'PADDING_BOTTOM') as number | null;
  }

  getPaddingLeft(): number | null {
    return this.getCell('getPaddingLeft', 'PADDING_LEFT') as number | null;
  }

  getPaddingRight(): number | null {
    return this.getCell('getPaddingRight', 'PADDING_RIGHT') as number | null;
  }

  setWidth(...args: [points: number]): EmuTableCell {
    return this.setCell('setWidth', 'WIDTH', args, isNumberOrNull);
  }

  getWidth(): number | null {
    return this.getCell('getWidth', 'WIDTH') as number | null;
  }

  /** Merged cells cannot be made from Apps Script: always 1. */
  getRowSpan(): number {
    this.rec('getRowSpan');
    return 1;
  }

  getColSpan(): number {
    this.rec('getColSpan');
    return 1;
  }

  getParentRow(): EmuTableRow | null {
    this.rec('getParentRow');
    const row = parents.get(this._node);
    return row ? (this.wrap(row) as EmuTableRow) : null;
  }

  getParentTable(): EmuTable | null {
    this.rec('getParentTable');
    const row = parents.get(this._node);
    const table = row && parents.get(row);
    return table ? (this.wrap(table) as EmuTable) : null;
  }

  private setCell(
    method: string,
    key: string,
    args: unknown[],
    ok: (v: unknown) => boolean,
  ): EmuTableCell {
    this.edit(method);
    if (args.length !== 1 || !ok(args[0])) throw this.sig(args, method);
    this._node.attrs = patchStyle(this._node.attrs, { [key]: args[0] as Value | null });
    return this;
  }

  private getCell(method: string, key: string): Value | null {
    this.rec(method);
    return this._node.attrs[key] ?? null;
  }
}

elements.TableCell = EmuTableCell;
