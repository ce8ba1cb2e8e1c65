/**
 * The game's own network in `simulate`: domains checked as the platform's urlCheck does (the
 * project's simulator.domains), each pass and refusal in the log, and request, uploadFile and
 * connectSocket really reaching an allowed local server through the simulator's server.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { FIXTURES, removeProjects, simulate, writeProject } from './test-support/run-cli.js';

const RUN = { timeout: 180_000 };

/** A local game server: GET /hello and /other answer JSON, POST /upload says what it received, /ws answers pong. */
function gameServer(): Promise<{ server: Server; host: string; uploads: string[] }> {
  const uploads: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url === '/upload') {
        uploads.push(body);
        const file = /name="scorefile"; filename="score\.txt"\r\n(?:.*\r\n)*?\r\n(.*)\r\n/.exec(body)?.[1];
        const player = /name="player"\r\n\r\n(.*)\r\n/.exec(body)?.[1];
        res.end(`file=${file} player=${player}`);
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url, method: req.method }));
    });
  });
  const sockets = new WebSocketServer({ server, path: '/ws' });
  sockets.on('connection', (ws) => ws.on('message', (data) => ws.send(`pong:${String(data)}`)));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, uploads })));
}

let allowed: Awaited<ReturnType<typeof gameServer>>;
let other: Awaited<ReturnType<typeof gameServer>>;

beforeAll(async () => {
  allowed = await gameServer();
  other = await gameServer();
});

afterAll(async () => {
  await removeProjects();
  for (const s of [allowed, other]) await new Promise((resolve) => s.server.close(resolve));
});

async function networkGame(simulator: Record<string, unknown>): Promise<string> {
  const game = (await readFile(join(FIXTURES, 'network', 'game.js'), 'utf8')).replaceAll('__ALLOWED__', allowed.host).replaceAll('__OTHER__', other.host);
  return writeProject({ 'game.js': game, 'game.json': '{}', 'minigame-studio.json': JSON.stringify({ simulator }) });
}

describe('simulate: the game network', () => {
  it('with urlCheck on, reaches only the listed domain: request, uploadFile and a socket round trip; the other refused with 600002', RUN, async () => {
    const dir = await networkGame({ domains: [`http://${allowed.host}`] });
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        '[log] allowed request: 200 {"path":"/hello?who=game","method":"GET"}',
        '[log] other request failed: request:fail url not in domain list errno=600002',
        '[log] upload: 200 file=hello upload player=p1',
        '[log] socket message: pong:ping',
        '[log] socket closed',
      ]),
    );
    expect(other.uploads).toEqual([]);
    const network = run.json.requests.filter((r) => r.source === 'network');
    expect(network).toEqual(
      expect.arrayContaining([
        { path: `http://${allowed.host}/hello?who=game`, source: 'network', status: 200, note: `request: allowed: http://${allowed.host} is in the request domain list (the platform itself takes only https and wss domains)` },
        { path: `http://${other.host}/other`, source: 'network', status: 0, note: `request: refused: http://${other.host} is not in the request domain list (urlCheck is on)` },
        { path: `http://${allowed.host}/upload`, source: 'network', status: 200, note: expect.stringMatching(/^uploadFile: allowed/) },
        { path: `ws://${allowed.host}/ws`, source: 'network', status: 101, note: expect.stringMatching(/^socket: allowed/) },
      ]),
    );
  });

  it('with urlCheck off (simulator.urlCheck false), the unlisted server is reached and the log says why', RUN, async () => {
    const dir = await networkGame({ urlCheck: false });
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1']);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toContain('[log] other request: 200 {"path":"/other","method":"GET"}');
    expect(run.json.requests).toContainEqual({ path: `http://${other.host}/other`, source: 'network', status: 200, note: 'request: allowed: urlCheck is off' });
  });

  it('on Alipay, the same calls with its names and fields; offline, nothing is reached', RUN, async () => {
    const dir = await networkGame({ domains: { request: [`http://${allowed.host}`], uploadFile: [`http://${allowed.host}`], socket: [`ws://${allowed.host}`] } });
    const run = await simulate(dir, ['--platform', 'alipay', '--seconds', '1']);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining(['[log] allowed request: 200 {"path":"/hello?who=game","method":"GET"}', '[log] upload: 200 file=hello upload player=p1', '[log] socket message: pong:ping']),
    );
    expect(run.json.console.some((l) => l.startsWith('[log] other request failed: url not in domain list errno=11'))).toBe(true);
    const offline = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--network', 'offline']);
    expect(offline.json.console).toEqual(expect.arrayContaining([expect.stringMatching(/^\[log\] allowed request failed: request:fail network unavailable/), expect.stringMatching(/^\[log\] socket failed: connectSocket:fail network unavailable/)]));
    expect(offline.json.requests.filter((r) => r.source === 'network').every((r) => r.status === 0)).toBe(true);
  });
});
