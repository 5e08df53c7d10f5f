import { describe, expect, it } from 'vitest';
import { groupIndian } from './indian-grouping';

describe('Indian digit grouping', () => {
  it('groups digits the Indian way', () => {
    expect(groupIndian('1')).toBe('1');
    expect(groupIndian('123')).toBe('123');
    expect(groupIndian('1234')).toBe('1,234');
    expect(groupIndian('123456')).toBe('1,23,456');
    expect(groupIndian('1234567890')).toBe('1,23,45,67,890');
  });
});
