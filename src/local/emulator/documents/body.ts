// Body: the body section of a document.

import { gasError } from '../errors';
import { ContainerBase } from './container-base';
import { NOT_DETACHED } from './helpers';
import {
  attach,
  DEFAULT_PAGE,
  type MarkNode,
  newParagraph,
  parents,
  patchStyle,
  type SectionNode,
} from './model';
import { EmuPageBreak } from './page-break';
import { elements } from './wrap';

/** The `Body` of a document: blocks, page size and margins (points). */
export class EmuBody extends ContainerBase<SectionNode> {
  protected get cls(): string {
    return 'Body';
  }

  /** Live prints `DocumentBodySection` (GF:test/testdocs.js). */
  override toString(): string {
    return 'DocumentBodySection';
  }

  /** A new paragraph holding a page break. */
  appendPageBreak(...args: [pageBreak?: EmuPageBreak]): EmuPageBreak {
    this.edit('appendPageBreak');
    return this.pageBreakAt(this._node.blocks.length, args, 'appendPageBreak');
  }

  insertPageBreak(...args: [childIndex: number, pageBreak?: EmuPageBreak]): EmuPageBreak {
    this.edit('insertPageBreak');
    const index = this.insertIndex(args, 'insertPageBreak');
    return this.pageBreakAt(index, args.slice(1), 'insertPageBreak');
  }

  private pageBreakAt(index: number, rest: unknown[], method: string): EmuPageBreak {
    const [given] = rest;
    let node: MarkNode = { kind: 'PAGE_BREAK' };
    if (given instanceof EmuPageBreak) {
      if (parents.has(given._node)) throw gasError(NOT_DETACHED);
      node = given._node;
    } else if (given !== undefined && given !== null) throw this.sig(rest, method);
    const p = newParagraph('PARAGRAPH', '');
    attach(p, node);
    attach(this._node, p, index);
    return new EmuPageBreak(this._app, this._doc, node);
  }

  setMarginTop(...args: [points: number]): EmuBody {
    return this.setPage('setMarginTop', 'MARGIN_TOP', args);
  }

  setMarginBottom(...args: [points: number]): EmuBody {
    return this.setPage('setMarginBottom', 'MARGIN_BOTTOM', args);
  }

  setMarginLeft(...args: [points: number]): EmuBody {
    return this.setPage('setMarginLeft', 'MARGIN_LEFT', args);
  }

  setMarginRight(...args: [points: number]): EmuBody {
    return this.setPage('setMarginRight', 'MARGIN_RIGHT', args);
  }

  /** A4 is 595.276 × 841.89 points. */
  setPageWidth(...args: [points: number]): EmuBody {
    return this.setPage('setPageWidth', 'PAGE_WIDTH', args);
  }

  setPageHeight(...args: [points: number]): EmuBody {
    return this.setPage('setPageHeight', 'PAGE_HEIGHT', args);
  }

  getMarginTop(): number {
    return this.getPage('getMarginTop', 'MARGIN_TOP');
  }

  getMarginBottom(): number {
    return this.getPage('getMarginBottom', 'MARGIN_BOTTOM');
  }

  getMarginLeft(): number {
    return this.getPage('getMarginLeft', 'MARGIN_LEFT');
  }

  getMarginRight(): number {
    return this.getPage('getMarginRight', 'MARGIN_RIGHT');
  }

  getPageWidth(): number {
    return this.getPage('getPageWidth', 'PAGE_WIDTH');
  }

  getPageHeight(): number {
    return this.getPage('getPageHeight', 'PAGE_HEIGHT');
  }

  private setPage(method: string, key: string, args: unknown[]): EmuBody {
    this.edit(method);
    const [value] = args;
    if (args.length !== 1 || typeof value !== 'number' || !Number.isFinite(value))
      throw this.sig(args, method);
    this._node.attrs = patchStyle(this._node.attrs, { [key]: value });
    return this;
  }

  private getPage(method: string, key: string): number {
    this.rec(method);
    return Number(this._node.attrs[key] ?? DEFAULT_PAGE[key]);
  }
}

elements.Body = EmuBody;
