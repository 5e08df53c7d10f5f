import { describe, expect, test } from 'vitest';
import { escapeCopyField, unescapeCopyField } from './copy-text';

describe('COPY text fields', () => {
  test('\\N is NULL, plain text is itself', () => {
    expect(unescapeCopyField('\\N')).toBeNull();
    expect(unescapeCopyField('RELIANCE')).toBe('RELIANCE');
    expect(unescapeCopyField('')).toBe('');
  });

  test('backslash escapes', () => {
    expect(unescapeCopyField('a\\tb\\nc\\rd\\\\e')).toBe('a\tb\nc\rd\\e');
    expect(unescapeCopyField('\\b\\f\\v')).toBe('\b\f\v');
    expect(unescapeCopyField('\\101\\x42')).toBe('AB');
    expect(unescapeCopyField('\\\\N')).toBe('\\N');
  });

  test('escape and unescape are inverse', () => {
    for (const value of ['', 'plain', 'tab\there', 'cr\r lf\n', 'back\\slash', '\\N', '\b\f\v', '₹ नमस्ते']) {
      expect(unescapeCopyField(escapeCopyField(value))).toBe(value);
    }
    expect(escapeCopyField(null)).toBe('\\N');
  });
});
