import { describe, expect, it } from 'vitest';
import { DisposableStore } from './disposable-store';

describe('DisposableStore', () => {
  it('undoes in reverse order of registration, once', () => {
    const store = new DisposableStore();
    const calls: string[] = [];
    store.add(() => calls.push('first'));
    store.add(() => calls.push('second'));
    store.add(() => calls.push('third'));
    expect(store.size).toBe(3);
    store.dispose();
    store.dispose();
    expect(calls).toEqual(['third', 'second', 'first']);
    expect(store.size).toBe(0);
  });

  it('returns what it was given, so a registration reads as one line', () => {
    const store = new DisposableStore();
    const off = () => undefined;
    expect(store.add(off)).toBe(off);
  });

  it('runs every undo even when one throws, then rethrows the first error', () => {
    const store = new DisposableStore();
    const calls: string[] = [];
    store.add(() => calls.push('a'));
    store.add(() => {
      throw new Error('b failed');
    });
    store.add(() => {
      throw new Error('c failed');
    });
    expect(() => store.dispose()).toThrow('c failed');
    expect(calls).toEqual(['a']);
    expect(store.size).toBe(0);
  });

  it('can be filled again after a dispose (a service that restarts)', () => {
    const store = new DisposableStore();
    let count = 0;
    store.add(() => (count += 1));
    store.dispose();
    store.add(() => (count += 10));
    store.dispose();
    expect(count).toBe(11);
  });
});
