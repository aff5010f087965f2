// Properties, Lock and Logger emulators against reference §6, by source.
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import {
  createBasicServices,
  LockServiceEmu,
  LoggerEmu,
  PropertiesServiceEmu,
} from '../../../src/local/emulator/services';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

const QUOTA =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

describe('PropertiesService (DT/properties; limits from REF quotas)', () => {
  const setup = () => {
    const log = new CallLog();
    return { log, service: new PropertiesServiceEmu(log) };
  };

  test('values are stored as strings; a missing key is null', () => {
    const { service } = setup();
    const props = service.getScriptProperties();
    expect(props.setProperty('n', 5 as unknown as string)).toBe(props);
    props.setProperty('b', true as unknown as string);
    expect(service.getScriptProperties().getProperty('n')).toBe('5');
    expect(props.getProperty('b')).toBe('true');
    expect(props.getProperty('missing')).toBeNull();
  });

  test('getProperties returns a copy', () => {
    const { service } = setup();
    const props = service.getUserProperties().setProperties({ a: '1', b: 2 });
    const copy = props.getProperties();
    copy.a = 'changed';
    expect(props.getProperties()).toEqual({ a: '1', b: '2' });
    expect(props.getKeys().sort()).toEqual(['a', 'b']);
  });

  test('setProperties with deleteAllOthers replaces the store; delete methods chain', () => {
    const { service } = setup();
    const props = service.getScriptProperties().setProperties({ a: '1', b: '2' });
    props.setProperties({ c: '3' }, true);
    expect(props.getProperties()).toEqual({ c: '3' });
    expect(props.deleteProperty('c').deleteAllProperties().getKeys()).toEqual([]);
  });

  test('the three stores are separate; document properties are null when unbound (U)', () => {
    const { service } = setup();
    service.getScriptProperties().setProperty('k', 'script');
    expect(service.getUserProperties().getProperty('k')).toBeNull();
    expect(service.getDocumentProperties()!.getProperty('k')).toBeNull();
    expect(
      new PropertiesServiceEmu(new CallLog(), { bound: false }).getDocumentProperties(),
    ).toBeNull();
  });

  test('a value over 9 KB throws the quota error and stores nothing (C; REF quotas)', () => {
    const { service } = setup();
    const props = service.getScriptProperties();
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    const e = thrown(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1)));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe(QUOTA);
    expect(props.getProperty('big')).toBeNull();
    // Multi-byte text counts in UTF-8 bytes (U): 3 bytes a character here.
    expect(thrown(() => props.setProperty('vi', 'ệ'.repeat(3100))).message).toBe(QUOTA);
  });

  test('a store over 500 KB throws the quota error; setProperties is all or nothing (C; REF quotas)', () => {
    const { service } = setup();
    const props = service.getScriptProperties();
    for (let i = 0; i < 55; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    const before = props.getKeys().length;
    expect(
      thrown(() => props.setProperties({ a: 'x'.repeat(9000), b: 'x'.repeat(9000) })).message,
    ).toBe(QUOTA);
    expect(props.getKeys()).toHaveLength(before);
    expect(service._bytes('script')).toBeLessThanOrEqual(500 * 1024);
  });

  test('calls count under PropertiesService and Properties (calls.ts contract)', () => {
    const { service, log } = setup();
    service.getScriptProperties().getProperty('a');
    expect(Object.fromEntries(log.counts)).toEqual({
      'PropertiesService.getScriptProperties': 1,
      'Properties.getProperty': 1,
    });
  });
});

describe('LockService (DT/lock; GF:test/testlock.js)', () => {
  const TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';
  const setup = () => {
    const log = new CallLog();
    const clock = new VirtualClock();
    return { log, clock, locks: new LockServiceEmu(log, clock) };
  };

  test('a lock is re-entrant for the same object; release of a lock not held is a no-op', () => {
    const { locks } = setup();
    const lock = locks.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(10000)).toBe(true);
    expect(lock.tryLock(10000)).toBe(true);
    expect(() => lock.waitLock(1000)).not.toThrow();
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    expect(() => lock.releaseLock()).not.toThrow();
  });

  test('tryLock(0) succeeds on a free lock; a negative timeout fails, and waitLock(-1) throws the timeout', () => {
    const { locks } = setup();
    const lock = locks.getScriptLock();
    expect(lock.tryLock(0)).toBe(true);
    lock.releaseLock();
    expect(lock.tryLock(-1)).toBe(false);
    const e = thrown(() => lock.waitLock(-1));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe(TIMEOUT);
    expect(lock.hasLock()).toBe(false);
  });

  test('a lock held by another execution: tryLock waits then fails, waitLock throws after the wait (C: GF fakelock.js text)', () => {
    const { locks, clock } = setup();
    locks._holdByOtherExecution(true);
    const lock = locks.getScriptLock();
    const start = clock.now();
    expect(lock.tryLock(5000)).toBe(false);
    expect(clock.now() - start).toBe(5000);
    const e = thrown(() => lock.waitLock(30000));
    expect(e.message).toBe(TIMEOUT);
    expect(clock.now() - start).toBe(35000);
    locks._holdByOtherExecution(false);
    expect(lock.tryLock(0)).toBe(true);
  });

  test('a holder that lets go within the timeout: the wait succeeds at its release time', () => {
    const { locks, clock } = setup();
    locks._holdByOtherExecution(true, { releaseAfterMs: 2000 });
    const lock = locks.getScriptLock();
    const start = clock.now();
    lock.waitLock(10000);
    expect(lock.hasLock()).toBe(true);
    expect(clock.now() - start).toBe(2000);
  });

  test('two Lock objects on the script lock contend; user and script locks are separate', () => {
    const { locks } = setup();
    const a = locks.getScriptLock();
    const b = locks.getScriptLock();
    expect(a.tryLock(0)).toBe(true);
    expect(b.tryLock(0)).toBe(false);
    expect(locks.getUserLock().tryLock(0)).toBe(true);
    expect(locks._holder('script')).toBe('this');
    locks._endExecution();
    expect(b.tryLock(0)).toBe(true);
  });

  test('document lock is null when unbound (U); calls count under LockService and Lock', () => {
    const log = new CallLog();
    const unbound = new LockServiceEmu(log, new VirtualClock(), { bound: false });
    expect(unbound.getDocumentLock()).toBeNull();
    expect(Object.fromEntries(log.counts)).toEqual({ 'LockService.getDocumentLock': 1 });
  });
});

describe('Properties signatures (C: Java String parameters)', () => {
  test('a missing key or value, or a non-object to setProperties, is a signature error', () => {
    const props = new PropertiesServiceEmu(new CallLog()).getScriptProperties();
    expect(thrown(() => props.setProperty(null as unknown as string, 'v')).message).toBe(
      "The parameters (null,String) don't match the method signature for PropertiesService.Properties.setProperty.",
    );
    expect(
      thrown(() => props.setProperties('x' as unknown as Record<string, unknown>)).message,
    ).toBe(
      "The parameters (String) don't match the method signature for PropertiesService.Properties.setProperties.",
    );
  });
});

describe('Logger (reference §6)', () => {
  test('log substitutes %s in order and chains; clear empties it', () => {
    const log = new CallLog();
    const logger = new LoggerEmu(log);
    expect(logger.log('Đã chấm %s/%s phiếu', 3, 10)).toBe(logger);
    logger.log({ a: 1 });
    logger.log('%s and %s', 'one');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.log(circular);
    expect(logger._lines()).toEqual([
      'Đã chấm 3/10 phiếu',
      '{"a":1}',
      'one and %s',
      '[object Object]',
    ]);
    logger.clear();
    expect(logger._lines()).toEqual([]);
    expect(log.counts.get('Logger.log')).toBe(4);
  });
});

describe('createBasicServices', () => {
  test('wires one log and one clock into all services', () => {
    const log = new CallLog();
    const clock = new VirtualClock();
    const s = createBasicServices(log, clock);
    const start = clock.now();
    s.Utilities.sleep(1000);
    s.PropertiesService.getScriptProperties().setProperty('k', 'v');
    expect(s.LockService.getScriptLock().tryLock(0)).toBe(true);
    s.Logger.log('x');
    expect(clock.now() - start).toBe(1000);
    expect(log.total()).toBe(6);
  });
});
