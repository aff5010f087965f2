// Sheet.getFormUrl in the emulator: the linked form's URL on the sheet Google writes into, null elsewhere.

import { createWorkspace } from '../../../src/local/emulator/runtime';

describe('Sheet.getFormUrl', () => {
  test('null on an unlinked sheet; the form’s published URL on its response sheet, renamed or not; null after unlinking', () => {
    const ws = createWorkspace();
    const ss = ws.spreadsheet;
    const first = ss.getSheets()[0];
    expect(first.getFormUrl()).toBeNull();
    const form = ws.FormApp.create('Phiếu');
    form.addTextItem().setTitle('Câu 1');
    form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ss.getId());
    ws.SpreadsheetApp.flush();
    const linked = ss.getSheets().filter((s) => s.getFormUrl() !== null);
    expect(linked).toHaveLength(1);
    expect(linked[0].getFormUrl()).toBe(form.getPublishedUrl());
    linked[0].setName('Phiếu 2019');
    expect(ss.getSheetByName('Phiếu 2019')?.getFormUrl()).toBe(form.getPublishedUrl());
    expect(first.getFormUrl()).toBeNull();
    form.removeDestination();
    expect(ss.getSheetByName('Phiếu 2019')?.getFormUrl()).toBeNull();
  });

  test('each form’s sheet carries its own form', () => {
    const ws = createWorkspace();
    const ss = ws.spreadsheet;
    const a = ws.FormApp.create('A');
    const b = ws.FormApp.create('B');
    a.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ss.getId());
    b.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ss.getId());
    ws.SpreadsheetApp.flush();
    const urls = ss
      .getSheets()
      .map((s) => s.getFormUrl())
      .filter((u) => u !== null);
    expect(urls.sort()).toEqual([a.getPublishedUrl(), b.getPublishedUrl()].sort());
  });
});
