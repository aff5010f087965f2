// DriveApp emulator against reference §4 and gas-fakes' live-run Drive tests, by source.
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import { createDocumentServices } from '../../../src/local/emulator/documents';
import {
  convertedName,
  createDriveApp,
  GOOGLE_DOC_MIME,
  snapshotDrive,
} from '../../../src/local/emulator/drive';
import { createWorkspace } from '../../../src/local/emulator/runtime';
import { EmuUser } from '../../../src/local/emulator/services';
import { UtilitiesService } from '../../../src/local/emulator/utilities';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';

const setup = () => {
  const log = new CallLog();
  const clock = new VirtualClock();
  const { DriveApp, DocumentApp } = createDocumentServices(log, clock);
  const Utilities = new UtilitiesService(log, clock);
  return { log, clock, DriveApp, DocumentApp, Utilities };
};

/** Checks a PDF's cross-reference table: every offset points at its `n 0 obj`. */
function checkXref(pdf: string): void {
  const start = Number(/startxref\n(\d+)\n%%EOF\n?$/.exec(pdf)?.[1]);
  expect(pdf.slice(start, start + 4)).toBe('xref');
  const [, count] = /^xref\n0 (\d+)\n/.exec(pdf.slice(start)) ?? [];
  const lines = pdf
    .slice(start)
    .split('\n')
    .slice(3, 2 + Number(count));
  lines.forEach((line, i) => {
    const offset = Number(line.slice(0, 10));
    expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  // Stream lengths match their bytes.
  for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const from = (m.index ?? 0) + m[0].length;
    expect(pdf.slice(from + Number(m[1]), from + Number(m[1]) + 9)).toBe('endstream');
  }
}

describe('DriveApp: files and folders (reference §4; GF:test/testdrive.js)', () => {
  test('a file keeps the description it is given (null when none); a wrong type is a signature error', () => {
    const { DriveApp, DocumentApp } = setup();
    const file = DriveApp.getFileById(DocumentApp.create('Biên bản').getId());
    expect(file.getDescription()).toBeNull();
    file.setDescription('Kiểm tra công vụ: biên bản do tập lệnh lập');
    expect(DriveApp.getFileById(file.getId()).getDescription()).toBe(
      'Kiểm tra công vụ: biên bản do tập lệnh lập',
    );
    expect(thrown(() => file.setDescription(3 as never)).message).toMatch(
      /don't match the method signature for DriveApp\.File\.setDescription/,
    );
  });

  test('getFileById of a missing id throws the not-found text (C); null or empty ids are argument errors (GF)', () => {
    const { DriveApp } = setup();
    expect(thrown(() => DriveApp.getFileById('missing')).message).toBe(NOT_FOUND);
    expect(thrown(() => DriveApp.getFolderById('missing')).message).toBe(NOT_FOUND);
    expect(thrown(() => DriveApp.getFileById(null as never)).message).toBe('Invalid argument: id');
    expect(thrown(() => DriveApp.getFileById('')).message).toBe('Invalid argument: id');
    expect(thrown(() => DriveApp.getFileById('x')).name).toBe('Exception');
  });

  test('the root is "My Drive" with no parents (GF:test/testdrive.js)', () => {
    const { DriveApp } = setup();
    const root = DriveApp.getRootFolder();
    expect(root.getName()).toBe('My Drive');
    expect(String(root)).toBe('My Drive');
    expect(String(DriveApp)).toBe('Drive');
    expect(root.getParents().hasNext()).toBe(false);
    expect(thrown(() => root.setTrashed(true)).message).toMatch(/^Access denied/);
  });

  test('createFile overloads and their errors, as found live (GF:test/testdrive.js)', () => {
    const { DriveApp, Utilities } = setup();
    const text = DriveApp.createFile('notes.txt', 'xin chào');
    expect(text.getMimeType()).toBe('text/plain');
    expect(text.getBlob().getDataAsString()).toBe('xin chào');
    const csv = DriveApp.createFile('a.csv', 'a,b', 'text/csv');
    expect(csv.getMimeType()).toBe('text/csv');
    const fromBlob = DriveApp.createFile(Utilities.newBlob('{}', 'application/json', 'x.json'));
    expect([fromBlob.getName(), fromBlob.getMimeType()]).toEqual(['x.json', 'application/json']);
    const sig = (types: string) =>
      `The parameters (${types}) don't match the method signature for DriveApp.createFile.`;
    expect(thrown(() => DriveApp.createFile()).message).toBe(sig(''));
    expect(thrown(() => DriveApp.createFile('')).message).toBe(sig('String'));
    expect(thrown(() => DriveApp.createFile(null, '')).message).toBe('Invalid argument: name');
    expect(thrown(() => DriveApp.createFile(Utilities.newBlob('x'), '')).message).toBe(
      sig('Blob,String'),
    );
    expect(thrown(() => DriveApp.createFile(Utilities.newBlob(''))).message).toBe(
      'Blob object must have non-null name for this operation.',
    );
  });

  test('folders: create inside, move, parents through an iterator; next() past the end throws (C-weak)', () => {
    const { DriveApp } = setup();
    const reports = DriveApp.createFolder('Báo cáo');
    const inside = reports.createFile('a.txt', 'a');
    const sub = reports.createFolder('2019');
    const loose = DriveApp.createFile('b.txt', 'b');
    expect(inside.getParents().next().getId()).toBe(reports.getId());
    expect(sub.getParents().next().getId()).toBe(reports.getId());
    const parents = loose.moveTo(sub).getParents();
    expect(parents.next().getId()).toBe(sub.getId());
    expect(parents.hasNext()).toBe(false);
    expect(thrown(() => parents.next()).message).toBe(
      'Cannot retrieve the next object: iterator has reached the end.',
    );
    expect(thrown(() => loose.moveTo('rubbish' as never)).message).toBe(
      "The parameters (String) don't match the method signature for DriveApp.File.moveTo.",
    );
    expect(reports.getUrl()).toBe(`https://drive.google.com/drive/folders/${reports.getId()}`);
  });

  test('trash: setTrashed; a trashed file is still found by id (U)', () => {
    const { DriveApp } = setup();
    const f = DriveApp.createFile('old.txt', 'x');
    expect(snapshotDrive(DriveApp).files[0].trashed).toBe(false);
    f.setTrashed(true);
    expect(DriveApp.getFileById(f.getId()).getName()).toBe('old.txt');
    expect(snapshotDrive(DriveApp).files[0].trashed).toBe(true);
  });

  test('documents made by DocumentApp appear in the root as Google Docs', () => {
    const { DriveApp, DocumentApp } = setup();
    const doc = DocumentApp.create('Biên bản kiểm tra');
    const found = DriveApp.getFileById(doc.getId());
    expect(found.getMimeType()).toBe(GOOGLE_DOC_MIME);
    expect(found.getName()).toBe('Biên bản kiểm tra');
    expect(found.getParents().next().getId()).toBe(DriveApp.getRootFolder().getId());
    expect(found.getUrl()).toBe(
      `https://docs.google.com/document/d/${doc.getId()}/edit?usp=drivesdk`,
    );
  });
});

describe('DriveApp: conversion (V, REF:reference/base/blob#getAs)', () => {
  test('getAs(application/pdf) replaces what follows the LAST dot; the bytes are a valid PDF', () => {
    const { DriveApp, DocumentApp } = setup();
    const names: [string, string][] = [
      ['Report', 'Report.pdf'],
      ['Q1.2024 report', 'Q1.pdf'],
      ['Báo cáo 08.2019.docx', 'Báo cáo 08.2019.pdf'],
    ];
    for (const [name, expected] of names) {
      const doc = DocumentApp.create(name);
      doc.getBody().appendParagraph('Kết quả kiểm tra');
      doc.getBody().appendTable([['STT', 'Đơn vị']]);
      doc.saveAndClose();
      const blob = DriveApp.getFileById(doc.getId()).getAs('application/pdf');
      expect(blob.getName()).toBe(expected);
      expect(blob.getContentType()).toBe('application/pdf');
      const pdf = blob._buffer().toString('latin1');
      expect(pdf.startsWith('%PDF-1.4')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      checkXref(pdf);
      // The serif is embedded (a TrueType font program), so every Vietnamese letter prints.
      expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/);
      expect(pdf).toContain('/FontFile2');
    }
    expect(convertedName('a.b.c', 'pdf')).toBe('a.b.pdf');
  });

  test('a long document flows onto more pages; the page follows the body size', () => {
    const { DriveApp, DocumentApp } = setup();
    const doc = DocumentApp.create('Long');
    const body = doc.getBody().setPageWidth(595.276).setPageHeight(841.89);
    for (let i = 0; i < 120; i++) body.appendParagraph(`Line ${i} of the report text.`);
    doc.saveAndClose();
    const pdf = DriveApp.getFileById(doc.getId()).getBlob()._buffer().toString('latin1');
    expect(Number(/\/Count (\d+)/.exec(pdf)?.[1])).toBeGreaterThan(1);
    expect(pdf).toContain('/MediaBox [0 0 595.28 841.89]');
    checkXref(pdf);
  });

  test('a plain file converts only to its own type here (U text)', () => {
    const { DriveApp } = setup();
    const f = DriveApp.createFile('a.txt', 'x');
    expect(f.getAs('text/plain').getName()).toBe('a.txt');
    expect(thrown(() => f.getAs('application/pdf')).message).toBe(
      'Converting from text/plain to application/pdf is not supported.',
    );
  });
});

describe('DriveApp: sharing (GF:test/testdrivesharing.js; GF notes/oddities.md)', () => {
  test('getViewers is hierarchical (owner, editors, viewers); getEditors is owner and editors', () => {
    const { DriveApp, log } = setup();
    const f = DriveApp.createFile('v.txt', 'x');
    expect(f.getViewers().map((u) => u.getEmail())).toEqual(['owner@example.com']);
    expect(f.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);
    f.addEditor('editor@example.com')
      .addViewers(['a@example.com', 'b@example.com'])
      .addViewer(new EmuUser(log, 'c@example.com'));
    expect(f.getViewers().map((u) => u.getEmail())).toEqual([
      'owner@example.com',
      'editor@example.com',
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(f.getEditors().map((u) => u.getEmail())).toEqual([
      'owner@example.com',
      'editor@example.com',
    ]);
  });

  test('removeViewer leaves an editor alone and is silent for an unknown user (REF:reference/drive/file#removeViewer)', () => {
    const { DriveApp } = setup();
    const f = DriveApp.createFile('r.txt', 'x');
    f.addEditor('e@example.com').addViewer('v@example.com');
    f.removeViewer('e@example.com')
      .removeViewer('nobody@example.com')
      .removeViewer('v@example.com');
    expect(f.getViewers().map((u) => u.getEmail())).toEqual(['owner@example.com', 'e@example.com']);
    f.removeEditor('e@example.com');
    expect(f.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);
  });

  test('adding a viewer does not demote an editor; a malformed address throws (U)', () => {
    const { DriveApp } = setup();
    const f = DriveApp.createFile('d.txt', 'x');
    f.addEditor('e@example.com').addViewer('e@example.com');
    expect(f.getEditors().map((u) => u.getEmail())).toContain('e@example.com');
    expect(thrown(() => f.addViewer('not an email')).message).toBe(
      'Invalid argument: permission.value',
    );
  });

  test("every address shared with gets Drive's email, a folder or a Doc alike, not counted by MailApp (live-risks D10; C/U)", () => {
    const ws = createWorkspace();
    const { DriveApp, DocumentApp, clock } = ws;
    const committee = ['a@example.com', 'b@example.com'];
    const folder = DriveApp.createFolder('Kiểm tra công vụ');
    folder.addViewers(committee);
    clock.advance(60_000);
    const doc = DocumentApp.create('Biên bản Xã A');
    const file = DriveApp.getFileById(doc.getId());
    file.addViewers(committee).addEditor('c@example.com');
    // Again on the same file, and to the owner: the owner gets nothing, the others get it again (U).
    file.addViewers([...committee, 'owner@example.com']);
    const sent = DriveApp._shareNotifications();
    expect(sent.map((m) => [m.to[0], m.itemId, m.role])).toEqual([
      ['a@example.com', folder.getId(), 'viewer'],
      ['b@example.com', folder.getId(), 'viewer'],
      ['a@example.com', doc.getId(), 'viewer'],
      ['b@example.com', doc.getId(), 'viewer'],
      ['c@example.com', doc.getId(), 'editor'],
      ['a@example.com', doc.getId(), 'viewer'],
      ['b@example.com', doc.getId(), 'viewer'],
    ]);
    expect(sent.filter((m) => m.to[0] === 'a@example.com')).toHaveLength(3);
    expect(sent[0]).toMatchObject({
      from: 'owner@example.com',
      recipients: 1,
      subject: 'Thư mục được chia sẻ với bạn: "Kiểm tra công vụ"',
      at: new Date(clock.now() - 60_000),
    });
    expect(sent[2].subject).toBe('Tài liệu được chia sẻ với bạn: "Biên bản Xã A"');
    expect(sent[4].body).toContain('(quyền chỉnh sửa)');
    expect(sent[4].body).toContain(file.getUrl());
    // A bad address in the list shares with nobody and mails nobody.
    expect(() => file.addViewers(['d@example.com', 'not an email'])).toThrow();
    expect(DriveApp._shareNotifications()).toHaveLength(7);
    expect(ws.MailApp.getRemainingDailyQuota()).toBe(100);
    expect(ws.MailApp._outbox()).toHaveLength(0);
  });

  test('snapshotDrive lists files and folders with paths, sharing and explicit grants', () => {
    const { DriveApp } = setup();
    const folder = DriveApp.createFolder('Báo cáo');
    const f = folder.createFile('a.txt', 'abc');
    f.addViewer('v@example.com');
    const snap = snapshotDrive(DriveApp);
    expect(snap.folders.map((x) => x.name)).toEqual(['My Drive', 'Báo cáo']);
    const file = snap.files[0];
    expect(file).toMatchObject({
      name: 'a.txt',
      path: 'My Drive/Báo cáo',
      owner: 'owner@example.com',
      viewers: ['v@example.com'],
      editors: [],
      size: 3,
      trashed: false,
    });
  });
});

describe('DriveApp: calls counted (calls.ts)', () => {
  test('calls count under DriveApp, File, Folder and the iterators; hooks count nothing', () => {
    const log = new CallLog();
    const drive = createDriveApp(log, new VirtualClock(), { user: 'me@example.com' });
    const folder = drive.createFolder('F');
    const file = folder.createFile('a.txt', 'a');
    file.getName();
    const it = file.getParents();
    it.hasNext();
    it.next();
    drive.getRootFolder().getParents().hasNext();
    expect(Object.fromEntries(log.counts)).toEqual({
      'DriveApp.createFolder': 1,
      'Folder.createFile': 1,
      'File.getName': 1,
      'File.getParents': 1,
      'FolderIterator.hasNext': 2,
      'FolderIterator.next': 1,
      'DriveApp.getRootFolder': 1,
      'Folder.getParents': 1,
    });
    const total = log.total();
    snapshotDrive(drive);
    drive._addFile({ name: 'x', mimeType: 'text/plain' });
    drive._item(file.getId());
    expect(log.total()).toBe(total + 1);
    expect(snapshotDrive(drive).files[0].owner).toBe('me@example.com');
  });
});
