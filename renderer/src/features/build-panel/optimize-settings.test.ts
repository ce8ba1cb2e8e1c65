import { describe, expect, it } from 'vitest';
import { qualityOf, withOptimize } from './optimize-settings.js';

describe('the Image compression section’s patch', () => {
  it('sets one key, keeps the others, and removes a key whose field was emptied', () => {
    expect(withOptimize({ png: 'lossless' }, 'jpeg', 80)).toEqual({ png: 'lossless', jpeg: 80 });
    expect(withOptimize({ png: 'lossless', jpeg: 80 }, 'png', '')).toEqual({ jpeg: 80 });
    expect(withOptimize({ exclude: ['a/**'] }, 'exclude', [])).toEqual({});
  });

  it('sends digits as a quality and anything else as typed, for the engine to refuse by name', () => {
    expect(qualityOf(' 80 ')).toBe(80);
    expect(qualityOf('0')).toBe(0);
    expect(qualityOf('80%')).toBe('80%');
    expect(qualityOf('')).toBe('');
  });
});
