#!/usr/bin/env node
// The command line. Runs the bundle in dist/cli when it is current — `npm install` builds it
// (the prepare script; `npm run build:cli` again) — so a command starts in about the time of
// bare Node. When a source file is newer than the bundle, or there is none, it runs the
// TypeScript sources through tsx instead, so an edited source always runs as edited.
import { readFileSync, statSync } from 'node:fs';

const bundle = new URL('../dist/cli/', import.meta.url);

function bundleIsCurrent() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL('inputs.json', bundle), 'utf8'));
    return inputs.every((input) => statSync(new URL(input, bundle)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

async function loadCli() {
  if (bundleIsCurrent()) return import(new URL('cli.mjs', bundle).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../electron/cli.ts');
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));
