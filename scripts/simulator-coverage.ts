/**
 * How much of WeChat's own API list (the Wx interface of minigame-api-typings) the simulator
 * simulates: `npx tsx scripts/simulator-coverage.ts [--list]`. Builds the sample game into a temp
 * folder, opens the simulator page headless and reads the names `wx` really has.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { buildProject } from '../electron/engine/index.js';
import { launchChromium } from '../electron/engine/simulator/chromium.js';
import { startSimulatorServer } from '../electron/engine/simulator/server.js';

const require = createRequire(import.meta.url);
const typingsPath = require.resolve('minigame-api-typings/types/wx/lib.wx.api.d.ts');
const official = wxFunctions(ts.createSourceFile(typingsPath, await readFile(typingsPath, 'utf8'), ts.ScriptTarget.Latest));

/** The method names of `interface Wx` in the typings (its own members, not those of option types). */
function wxFunctions(source: ts.SourceFile): string[] {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) if (ts.isMethodSignature(member) && ts.isIdentifier(member.name)) names.add(member.name.text);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...names].sort();
}

const dir = await mkdtemp(join(tmpdir(), 'mgs-coverage-'));
try {
  await cp(fileURLToPath(new URL('../resources/sample-game', import.meta.url)), dir, { recursive: true });
  const { analysis } = await buildProject(dir, { platform: 'wechat' });
  const server = await startSimulatorServer({ outDir: analysis.settings.outDir, platform: 'wechat' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const names = await page.evaluate(() => Object.keys((window as unknown as { wx: object }).wx));
    const simulated = official.filter((n) => names.includes(n));
    const missing = official.filter((n) => !names.includes(n));
    console.log(`${simulated.length} of ${official.length} wx functions in minigame-api-typings are simulated (${Math.round((simulated.length / official.length) * 100)}%).`);
    if (process.argv.includes('--list')) console.log(`Simulated: ${simulated.join(', ')}\nNot simulated: ${missing.join(', ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
