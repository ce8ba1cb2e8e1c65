/**
 * `minigame-studio`: the command line over the engine. Parses flags in one place (cli/args.ts),
 * dispatches, and maps the outcome to an exit code (0 built, 1 not built, 2 usage, 3 built with
 * errors). The engine knows nothing of the terminal; everything printed is printed here.
 */
import { parseCommand, UsageError, USAGE, type Command, type Io } from './cli/args.js';
import { EXIT } from '../shared/problems.js';
import type { Platform } from '../shared/platforms.js';

export async function runCli(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  let command: Command | 'help';
  try {
    command = parseCommand(argv, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`error: ${error.message}\nRun "minigame-studio --help" for the commands and their flags.\n`);
    return EXIT.usage;
  }
  if (command === 'help') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  return dispatch(command, io);
}

// Commands are loaded on demand, so --help and usage errors answer without loading the engine.
async function dispatch(command: Command, io: Io): Promise<number> {
  switch (command.name) {
    case 'build':
      return (await import('./cli/build-command.js')).runBuild(command, io);
    case 'report':
      return (await import('./cli/build-command.js')).runReport(command, io);
    case 'diff':
      return (await import('./cli/diff-command.js')).runDiff(command, io);
    case 'serve-remote':
      return (await import('./cli/serve-remote-command.js')).runServeRemote(command, io);
    case 'simulate':
      return (await import('./cli/simulate-command.js')).runSimulate(command, io);
    case 'fit':
      return (await import('./cli/fit-command.js')).runFit(command, io);
    case 'serve': {
      const { runServe } = await import('./cli/serve.js');
      return runServe({ dir: command.dir, port: command.port }, io);
    }
    case 'play':
    case 'preview':
    case 'upload': {
      const { runToolCommand } = await import('./cli/tool-command.js');
      return runToolCommand(
        command.name,
        {
          dir: command.dir ?? io.cwd,
          platform: command.platform ?? (await projectPlatform(command.dir ?? io.cwd)),
          tool: command.tool,
          version: command.version,
          desc: command.desc,
          privateKey: command.privateKey,
          identityKeyPath: command.identityKeyPath,
          robot: command.robot,
          json: command.json,
        },
        io,
      );
    }
  }
}

/** Without --platform, the platform the project last built for; WeChat for a new project. */
async function projectPlatform(dir: string): Promise<Platform> {
  const { loadProjectFile } = await import('./engine/project-file.js');
  const file = await loadProjectFile(dir).catch(() => null);
  return file?.platform ?? 'wechat';
}
