import { describe, expect, it } from 'vitest';
import { directionOf } from './direction';

describe('direction of a change', () => {
  it('colours by the sign of the change', () => {
    expect([directionOf(5), directionOf(-5), directionOf(0)]).toEqual(['up', 'down', 'flat']);
  });
});
