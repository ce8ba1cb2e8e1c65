import { describe, expect, it } from 'vitest';
import { createCoalescingSaver } from './coalescing-saver.js';

describe('coalescing saver', () => {
  it('turns a burst of patches into one save holding all their keys, and never overlaps saves', async () => {
    const saves: string[][] = [];
    let running = 0;
    let overlapped = false;
    const saver = createCoalescingSaver<Record<string, unknown>>(async (keys) => {
      overlapped ||= running > 0;
      running++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      saves.push([...keys].sort());
      running--;
    }, 10);
    await Promise.all([saver.push({ a: 1 }), saver.push({ b: 2 }), saver.push({ a: 3, c: 4 })]);
    expect(saves).toEqual([['a', 'b', 'c']]);
    const later = [saver.push({ d: 1 }), saver.push({ e: 1 })];
    await Promise.all(later);
    await saver.idle();
    expect(saves.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(overlapped).toBe(false);
  });

  it('rejects the callers of a failed save, and the next save still runs', async () => {
    let fail = true;
    const saver = createCoalescingSaver<Record<string, unknown>>(async () => {
      if (fail) throw new Error('disk full');
    }, 1);
    await expect(saver.push({ a: 1 })).rejects.toThrow('disk full');
    fail = false;
    await expect(saver.push({ a: 2 })).resolves.toBeUndefined();
  });
});
