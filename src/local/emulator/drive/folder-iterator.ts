// FolderIterator: a fixed list of folders taken when it was made.
import type { CallLog } from '../calls';
import { GAS_TYPE, gasError } from '../errors';
import type { EmuFolder } from './folder';
import { ITERATOR_END } from './helpers';

// ---------------------------------------------------------------------------------------------
// Iterators.

/** A `FolderIterator` over a fixed list taken when it was made (what getParents returns). */
class EmuIterator<T> {
  private index = 0;

  constructor(
    private readonly log: CallLog,
    private readonly cls: 'FolderIterator',
    private readonly items: T[],
  ) {}

  get [GAS_TYPE](): string {
    return `DriveApp.${this.cls}`;
  }

  hasNext(): boolean {
    this.log.record(this.cls, 'hasNext');
    return this.index < this.items.length;
  }

  next(): T {
    this.log.record(this.cls, 'next');
    if (this.index >= this.items.length) throw gasError(ITERATOR_END);
    return this.items[this.index++];
  }
}

/** A `FolderIterator`. */
export class EmuFolderIterator extends EmuIterator<EmuFolder> {}
