import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const node = (script: string) => ({ file: process.execPath, args: ['-e', script], windowsVerbatimArguments: false });

describe('runProcess', () => {
  it('streams each line with its stream, without colours or spinner frames, and keeps the exit code', async () => {
    const seen: string[] = [];
    const outcome = await runProcess(
      node(`process.stdout.write('\\u001b[32m✔\\u001b[0m built\\n⠋ uploading\\r⠙ uploading\\r✔ uploaded\\n'); console.error('warn: 慢'); process.exit(7)`),
      { timeoutMs: 20_000, onLine: (line, stream) => seen.push(`${stream} ${line}`) },
    );
    expect(seen.filter((l) => l.startsWith('stdout'))).toEqual(['stdout ✔ built', 'stdout ✔ uploaded']);
    expect(seen).toContain('stderr warn: 慢');
    expect(outcome).toMatchObject({ exitCode: 7, timedOut: false, cancelled: false, startError: null });
  });

  it('stops a process that asks a question it would wait on forever', async () => {
    const outcome = await runProcess(node(`console.log('? Enable IDE Service (y/N)'); setInterval(() => {}, 1000)`), {
      timeoutMs: 20_000,
      stopOn: (line) => line.includes('(y/N)'),
    });
    expect(outcome).toMatchObject({ stopped: true, cancelled: false, timedOut: false, exitCode: null });
  });

  it('reports a file that cannot be started', async () => {
    const outcome = await runProcess({ file: join(tmpdir(), 'no-such-tool-here'), args: [], windowsVerbatimArguments: false }, { timeoutMs: 5_000 });
    expect(outcome).toMatchObject({ startError: 'ENOENT', exitCode: null });
  });

  it('passes arguments with spaces, quotes and shell characters through untouched (no shell)', async () => {
    const lines: string[] = [];
    const args = ['a b', '"q"', '$HOME', '; rm -rf /', '微信 开发者'];
    await runProcess({ file: process.execPath, args: ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...args], windowsVerbatimArguments: false }, {
      timeoutMs: 20_000,
      onLine: (line) => lines.push(line),
    });
    expect(JSON.parse(lines[0]!)).toEqual(args);
  });

  it('returns when the tool exits even if a program it started (the IDE) keeps its output open', async () => {
    const lines: string[] = [];
    const script = `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
      c.unref(); console.log('ide ' + c.pid); process.exit(0)`;
    const outcome = await runProcess(node(script), { timeoutMs: 60_000, onLine: (line) => lines.push(line) });
    const ide = Number(lines[0]?.split(' ')[1]);
    process.kill(ide);
    expect(outcome).toMatchObject({ exitCode: 0, timedOut: false, startError: null });
  });
});
