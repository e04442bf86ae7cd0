import { describe, expect, it } from 'vitest';
import { CompensatedSum, log1pExp, logAddExp, logCosh, logMeanExp, logSumExp } from '../../src/core/numerics.js';

describe('stable numerics', () => {
  it('logSumExp does not overflow and handles -Infinity', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([0, Math.log(3)])).toBeCloseTo(Math.log(4), 14);
    expect(logAddExp(-1e308, 0)).toBe(0);
    expect(logMeanExp([2, 2, 2])).toBeCloseTo(2, 14);
  });

  it('log1pExp matches the naive formula where that is accurate and stays finite elsewhere', () => {
    for (const x of [-30, -5, -1, 0, 1, 5, 30]) expect(log1pExp(x)).toBeCloseTo(Math.log(1 + Math.exp(x)), 12);
    expect(log1pExp(1000)).toBe(1000);
    expect(log1pExp(-1000)).toBe(0);
    expect(log1pExp(-40)).toBeCloseTo(Math.exp(-40), 30);
  });

  it('logCosh matches log(cosh x) and is even', () => {
    for (const x of [0, 0.3, 2, 10]) expect(logCosh(x)).toBeCloseTo(Math.log(Math.cosh(x)), 12);
    expect(logCosh(1000)).toBeCloseTo(1000 - Math.LN2, 10);
    expect(logCosh(-3)).toBe(logCosh(3));
  });

  it('compensated summation recovers what naive summation loses', () => {
    const s = new CompensatedSum();
    let naive = 0;
    for (const x of [1e16, 1, -1e16]) {
      s.add(x);
      naive += x;
    }
    expect(s.value).toBe(1);
    expect(naive).not.toBe(1);
  });
});
