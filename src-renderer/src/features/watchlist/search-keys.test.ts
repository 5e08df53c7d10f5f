import { describe, expect, it } from 'vitest';
import { searchKeyAction } from './search-keys';

describe('searchKeyAction', () => {
  it('moves the highlight with the arrows and stops at the ends', () => {
    expect(searchKeyAction('ArrowDown', -1, 3)).toEqual({ type: 'highlight', index: 0 });
    expect(searchKeyAction('ArrowDown', 2, 3)).toEqual({ type: 'highlight', index: 2 });
    expect(searchKeyAction('ArrowUp', 0, 3)).toEqual({ type: 'highlight', index: 0 });
    expect(searchKeyAction('ArrowUp', 2, 3)).toEqual({ type: 'highlight', index: 1 });
    expect(searchKeyAction('ArrowDown', -1, 0)).toEqual({ type: 'none' });
  });

  it('adds the highlighted result on Enter, the first when none is highlighted', () => {
    expect(searchKeyAction('Enter', 1, 3)).toEqual({ type: 'add', index: 1 });
    expect(searchKeyAction('Enter', -1, 3)).toEqual({ type: 'add', index: 0 });
    expect(searchKeyAction('Enter', 5, 3)).toEqual({ type: 'add', index: 0 });
    expect(searchKeyAction('Enter', -1, 0)).toEqual({ type: 'none' });
  });

  it('clears on Escape and ignores other keys', () => {
    expect(searchKeyAction('Escape', 1, 3)).toEqual({ type: 'clear' });
    expect(searchKeyAction('a', 1, 3)).toEqual({ type: 'none' });
  });
});
