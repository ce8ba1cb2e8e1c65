import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'fixtures' ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

// The engine runs in plain Node for the CLI, the tests and web mode; shared/ is read by both sides.
const forbidden = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](electron|react|react-dom|react\/[^'"]*|node:readline|node:tty)['"]/;

describe('module boundaries', () => {
  for (const dir of ['electron/engine', 'shared']) {
    it(`${dir} imports neither electron, React nor the terminal`, () => {
      const offenders = sourceFiles(join(root, dir))
        .filter((file) => forbidden.test(readFileSync(file, 'utf8')))
        .map((file) => relative(root, file));
      expect(offenders).toEqual([]);
    });
  }

  it('the check itself catches a forbidden import', () => {
    // Built from parts, so this file does not itself read as importing them.
    const quoted = (name: string, quote = "'") => `${quote}${name}${quote}`;
    expect(forbidden.test(`import { app } from ${quoted('electron')};`)).toBe(true);
    expect(forbidden.test(`const { app } = require(${quoted('electron', '"')})`)).toBe(true);
    expect(forbidden.test(`import React from ${quoted('react')}`)).toBe(true);
    expect(forbidden.test(`import { z } from ${quoted('zod')}`)).toBe(false);
  });
});
