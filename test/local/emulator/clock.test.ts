// The virtual clock: Google-side events run when time reaches them, in order, whoever moves the clock.
import { VirtualClock } from '../../../src/local/emulator/clock';

describe('VirtualClock.schedule', () => {
  test('an event runs when the clock reaches its time, not before, and events run in time order', () => {
    const clock = new VirtualClock(1000);
    const seen: string[] = [];
    clock.schedule(3000, () => seen.push('row written'));
    clock.schedule(2000, () => seen.push('sheet visible'));
    clock.advance(500);
    expect(seen).toEqual([]);
    clock.wait(600);
    expect(seen).toEqual(['sheet visible']);
    clock.set(5000);
    expect(seen).toEqual(['sheet visible', 'row written']);
    expect(clock.pending()).toBe(0);
  });

  test('an event due already runs at once; an event may schedule another', () => {
    const clock = new VirtualClock(1000);
    const seen: number[] = [];
    clock.schedule(1000, () => {
      seen.push(clock.now());
      clock.schedule(1500, () => seen.push(clock.now()));
    });
    expect(seen).toEqual([1000]);
    clock.advance(1000);
    expect(seen).toEqual([1000, 2000]);
  });
});
