#!/usr/bin/env node
// Runs the TypeScript command line straight from a fresh clone: tsx compiles on the fly, so
// `npx minigame-studio` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
