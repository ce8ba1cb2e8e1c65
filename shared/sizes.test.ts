import { describe, expect, it } from 'vitest';
import { parseSize } from './sizes.js';

describe('parseSize', () => {
  it.each([
    [0, 0],
    [1048576, 1_048_576],
    ['512 B', 512],
    ['100 KiB', 102_400],
    ['100KB', 100_000],
    ['3.5 MiB', 3_670_016],
    ['2 MB', 2_000_000],
    ['  12 MiB ', 12_582_912],
    ['0.1 KiB', 102],
  ])('reads %j as %d bytes', (value, bytes) => {
    expect(parseSize(value)).toEqual({ ok: true, bytes });
  });

  it.each([
    ['3.5 mib', /unit "mib"/],
    ['3.5 MIB', /unit "MIB"/],
    ['2 GB', /unit "GB"/],
    ['12', /needs a unit/],
    ['', /byte count/],
    ['-1 KiB', /byte count/],
    ['1.5 B', /fraction of a byte/],
    [-1, /whole number/],
    [1.5, /whole number/],
    [true, /byte count/],
    [null, /byte count/],
  ])('refuses %j, saying why', (value, reason) => {
    const parsed = parseSize(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
