import { describe, expect, it } from 'vitest';
import { RUNTIME_IMPORT, RUNTIME_REQUIRE, withRuntime } from './bootstrap.js';

describe("the runtime goes first in the user's game.js", () => {
  it('is required on the first line of a CommonJS game.js, after a "use strict" directive', () => {
    expect(withRuntime("require('./js/main');\n")).toBe(`${RUNTIME_REQUIRE}\nrequire('./js/main');\n`);
    expect(withRuntime("'use strict';\nrequire('./js/main');\n")).toBe(`'use strict';\n${RUNTIME_REQUIRE}\nrequire('./js/main');\n`);
  });

  it('is imported by a game.js written as an ES module, whose imports run before any other line', () => {
    const quickStart = "import './js/libs/weapp-adapter';\nimport Main from './js/main';\n\nnew Main();\n";
    expect(withRuntime(quickStart)).toBe(`${RUNTIME_IMPORT}\n${quickStart}`);
    expect(withRuntime('const a = 1;\nexport default a;\n').startsWith(RUNTIME_IMPORT)).toBe(true);
  });

  it('takes a word that merely starts like import for plain code', () => {
    expect(withRuntime('important();\nvar exported = 1;\n').startsWith(RUNTIME_REQUIRE)).toBe(true);
  });
});
