// Read-only snapshot of Drive (for exporters and tests).
import type { DriveAppEmu } from './drive-app';
import type { DriveItem } from './helpers';

// ---------------------------------------------------------------------------------------------
// Snapshot.

/** One file or folder as the snapshot lists it. */
export interface DriveItemSnapshot {
  id: string;
  name: string;
  mimeType: string;
  url: string;
  /** Folder path from `My Drive`, e.g. `My Drive/Báo cáo` (first parent). */
  path: string;
  parents: string[];
  trashed: boolean;
  size: number;
  created: Date;
  updated: Date;
  owner: string;
  /** Explicit grants, not the hierarchical lists the getters return. */
  editors: string[];
  viewers: string[];
}

/** Everything in the emulated Drive. */
export interface DriveSnapshot {
  user: string;
  rootId: string;
  folders: DriveItemSnapshot[];
  files: DriveItemSnapshot[];
}

/** Non-Apps-Script: the whole Drive as plain data. Counts no calls. */
export function snapshotDrive(drive: DriveAppEmu): DriveSnapshot {
  const pathOf = (item: DriveItem): string => {
    const names: string[] = [];
    let parent = item.parents[0];
    const seen = new Set<string>();
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      const p = drive._item(parent);
      if (!p) break;
      names.unshift(p.name);
      parent = p.parents[0];
    }
    return names.join('/');
  };
  const one = (item: DriveItem): DriveItemSnapshot => ({
    id: item.id,
    name: item.name,
    mimeType: item.mimeType,
    url: drive._urlOf(item),
    path: pathOf(item),
    parents: item.parents.slice(),
    trashed: item.trashed,
    size: item.bytes.length,
    created: new Date(item.created),
    updated: new Date(item.updated),
    owner: item.owner,
    editors: item.editors.slice(),
    viewers: item.viewers.slice(),
  });
  const all = drive._all();
  return {
    user: drive._user(),
    rootId: drive._rootId,
    folders: all.filter((i) => i.folder).map(one),
    files: all.filter((i) => !i.folder).map(one),
  };
}
