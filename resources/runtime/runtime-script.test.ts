import { readFileSync } from 'node:fs';
import vm from 'node:vm';
// acorn comes with eslint (espree); it is only used here to check the syntax level.
import { parse } from 'acorn';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, RUNTIME_PATH, type Scenario } from './test-support/index.js';

const source = readFileSync(RUNTIME_PATH, 'utf8');
const es2015 = (code: string): unknown => parse(code, { ecmaVersion: 2015, sourceType: 'script' });

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

describe('runtime.js as the platforms load it', () => {
  it('is a plain ES2015 script (older base libraries reject newer syntax)', () => {
    expect(() => es2015(source)).not.toThrow();
    expect(() => es2015(source.replace("'use strict';", "'use strict'; const probe = a?.b;"))).toThrow();
  });

  it('requires nothing but its manifest when it loads, and loads only once', async () => {
    scenario = await createScenario({ kind: 'wx', files: {} });
    const rt = scenario.launch();
    expect(rt.required).toEqual([]);
    expect(rt.context.minigameStudio).toBe(rt.studio);
    expect(rt.context.GameGlobal.minigameStudio).toBe(rt.studio);
    const createImage = (rt.context.wx as { createImage: unknown }).createImage;
    vm.runInContext(source, rt.context);
    expect(rt.context.minigameStudio).toBe(rt.studio);
    expect((rt.context.wx as { createImage: unknown }).createImage).toBe(createImage);
  });

  it('stays small (the build copies it into every main package)', () => {
    // Unminified, comments included (the build copies it byte for byte): a fraction of a percent of
    // the 4 MB main package.
    expect(Buffer.byteLength(source)).toBeLessThan(26 * 1024);
  });
});
