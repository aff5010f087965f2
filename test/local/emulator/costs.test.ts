// The cost table (google-costs.md §2): each family's charges, the Sheets queue and the first access.
import { CostMeter, familyOf, type PricedCall, priceOf } from '../../../src/local/emulator/costs';

/** The price of `Service.method` with the given cells, items and attachments. */
function ms(key: string, more: Partial<PricedCall> = {}, gasType?: string): number {
  const [service, method] = key.split('.');
  return priceOf({
    service,
    method,
    family: familyOf(service, gasType),
    cells: 0,
    items: 0,
    attachments: false,
    ...more,
  }).ms;
}

describe('priceOf: one charge per call, per cell, per service', () => {
  test('SpreadsheetApp: local 8 ms, round trips 200 ms, reads and writes per cell, structure 500 ms', () => {
    expect(ms('Sheet.getRange')).toBe(8);
    expect(ms('Range.getA1Notation')).toBe(8);
    expect(ms('Sheet.getLastRow')).toBe(200);
    expect(ms('Range.getLastRow')).toBe(8);
    expect(ms('Spreadsheet.getSheetByName')).toBe(200);
    expect(ms('Sheet.appendRow')).toBe(200);
    expect(ms('Range.getValues', { cells: 100000 })).toBe(200 + 1200);
    expect(ms('Range.getDisplayValues', { cells: 1000 })).toBe(200 + 36);
    expect(ms('Range.setValues', { cells: 15000 })).toBe(8 + 225);
    expect(ms('Range.setValues', { cells: 15001 })).toBeCloseTo(8 + 15001 * 0.07);
    expect(ms('Range.setBackgrounds', { cells: 100 })).toBe(8 + 10);
    expect(ms('Range.setNumberFormat')).toBe(8);
    expect(ms('Sheet.insertRowsAfter')).toBe(500);
    expect(ms('Range.protect')).toBe(500);
    expect(ms('Protection.setDescription')).toBe(200);
    expect(ms('SpreadsheetApp.create')).toBe(1000);
    expect(ms('Ui.createMenu')).toBe(8);
    expect(ms('Ui.alert')).toBe(200);
  });

  test('FormApp: open 1 s, mutations and fetches 400 ms, responses 500 ms + 2 ms each, getters 8 ms', () => {
    expect(ms('FormApp.openById')).toBe(1000);
    expect(ms('FormApp.createTextValidation')).toBe(8);
    expect(ms('TextValidationBuilder.build')).toBe(8);
    expect(ms('Form.getId')).toBe(8);
    expect(ms('Form.getItems')).toBe(400);
    expect(ms('Form.moveItem')).toBe(400);
    expect(ms('Form.getResponses', { items: 1000 })).toBe(2500);
    expect(ms('FormResponse.getItemResponses')).toBe(8);
    expect(ms('ListItem.setChoiceValues', { items: 100 })).toBe(600);
    expect(ms('ListItem.getTitle')).toBe(8);
    expect(ms('TextItem.setTitle')).toBe(400);
  });

  test('DocumentApp: create 3 s, open 2 s, element calls 100 ms, tables 10 ms a cell, save 3 s, PDF 5 s', () => {
    expect(ms('DocumentApp.create')).toBe(3000);
    expect(ms('DocumentApp.openByUrl')).toBe(2000);
    expect(ms('DocumentApp.getUi')).toBe(8);
    expect(ms('Document.getId', {}, 'DocumentApp.Document')).toBe(8);
    expect(ms('Body.appendParagraph', {}, 'DocumentApp.Body')).toBe(100);
    expect(ms('Body.appendTable', { cells: 50 }, 'DocumentApp.Body')).toBe(600);
    // A list item of a document is an element, not a form item.
    expect(ms('ListItem.setText', {}, 'DocumentApp.ListItem')).toBe(100);
    expect(ms('Document.saveAndClose', {}, 'DocumentApp.Document')).toBe(3000);
    expect(ms('Document.getAs', {}, 'DocumentApp.Document')).toBe(5000);
  });

  test('DriveApp, MailApp, Lock, Properties, ScriptApp, Utilities', () => {
    expect(ms('DriveApp.getFolderById')).toBe(500);
    expect(ms('DriveApp.getFiles')).toBe(500);
    expect(ms('DriveApp.createFolder')).toBe(1000);
    expect(ms('Folder.createFile')).toBe(1500);
    expect(ms('File.addViewers')).toBe(1500);
    expect(ms('File.getAs')).toBe(5000);
    expect(ms('File.getUrl')).toBe(8);
    expect(ms('File.getParents')).toBe(500);
    expect(ms('File.isTrashed')).toBe(8);
    expect(ms('File.setTrashed')).toBe(1000);
    expect(ms('MailApp.sendEmail')).toBe(1500);
    expect(ms('MailApp.sendEmail', { attachments: true })).toBe(3000);
    expect(ms('MailApp.getRemainingDailyQuota')).toBe(100);
    expect(ms('LockService.getScriptLock')).toBe(8);
    expect(ms('Lock.waitLock')).toBe(100);
    expect(ms('Lock.releaseLock')).toBe(50);
    expect(ms('PropertiesService.getScriptProperties')).toBe(8);
    expect(ms('Properties.getProperties')).toBe(40);
    expect(ms('Properties.deleteProperty')).toBe(65);
    expect(ms('ScriptApp.getProjectTriggers')).toBe(200);
    expect(ms('ClockTriggerBuilder.create')).toBe(500);
    expect(ms('ClockTriggerBuilder.everyDays')).toBe(8);
    expect(ms('Utilities.sleep')).toBe(0);
    expect(ms('Blob.getBytes')).toBe(8);
    expect(ms('Logger.log')).toBe(8);
    // Anything not in the table is a round trip: the stricter reading.
    expect(ms('Mystery.call')).toBe(200);
  });
});

describe('CostMeter: the Sheets write queue and the first access', () => {
  const call = (key: string, cells = 0): PricedCall => {
    const [service, method] = key.split('.');
    return { service, method, family: familyOf(service), cells, items: 0, attachments: false };
  };

  test('the first getActiveSpreadsheet is a round trip, later ones are local', () => {
    const m = new CostMeter();
    expect(m.peek(call('SpreadsheetApp.getActiveSpreadsheet'))).toBe('server');
    expect(m.charge(call('SpreadsheetApp.getActiveSpreadsheet')).ms).toBe(200);
    expect(m.peek(call('SpreadsheetApp.getActiveSpreadsheet'))).toBe('local');
    expect(m.charge(call('SpreadsheetApp.getActiveSheet')).ms).toBe(8);
  });

  test('queued writes add one commit to the next round trip, or to the end of the execution', () => {
    const m = new CostMeter();
    expect(m.charge(call('Range.setValues', 100)).ms).toBe(8 + 1.5);
    expect(m.charge(call('Range.setNumberFormat')).ms).toBe(8);
    expect(m.charge(call('Sheet.getLastRow')).ms).toBe(400);
    expect(m.charge(call('Sheet.getLastRow')).ms).toBe(200);
    // Other services' round trips do not commit the Sheets queue.
    m.charge(call('Range.setValue', 1));
    expect(m.charge(call('Properties.getProperty')).ms).toBe(40);
    expect(m.finish()).toBe(200);
    expect(m.finish()).toBe(0);
  });
});
