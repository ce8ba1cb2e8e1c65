import { describe, expect, it } from 'vitest';
import { withBudget } from './budget-settings.js';

describe('a budget field', () => {
  it('saves the text as typed, a plain byte count as a number, and removes the key when emptied', () => {
    const budgets = { __GAME__: '3.5 MiB', total: 12_000_000 };
    expect(withBudget(budgets, 'stage1', ' 2 MiB ')).toEqual({ __GAME__: '3.5 MiB', total: 12_000_000, stage1: '2 MiB' });
    expect(withBudget(budgets, 'total', '1048576')).toEqual({ __GAME__: '3.5 MiB', total: 1048576 });
    expect(withBudget(budgets, '__GAME__', '  ')).toEqual({ total: 12_000_000 });
    // A bad unit is the engine's to refuse: it is sent as typed.
    expect(withBudget({}, 'total', '12 MIB')).toEqual({ total: '12 MIB' });
  });
});
