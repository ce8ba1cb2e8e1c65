/**
 * Runs one miniprogram-ci preview or upload in its own Node process. miniprogram-ci leaves an
 * unhandled promise rejection behind a failure, which ends a plain Node process even when the
 * caller catches the error: here it only ends this child, after the one result line is printed.
 *
 * Input: the job as JSON in argv[2]. Output: progress on stderr, then one line on stdout,
 * `{"ok":true,"subPackageInfo":[…]}` or `{"ok":false,"code":20001,"message":"…"}`.
 * MINIGAME_STUDIO_MINIPROGRAM_CI names the module to load: the studio resolves miniprogram-ci
 * and passes its path (tests pass a stand-in that records its options).
 */
'use strict';
/* global process, require */

const RESULT_PREFIX = 'MINIGAME_STUDIO_CI_RESULT ';
let printed = false;

function finish(result) {
  if (printed) return;
  printed = true;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(result.ok ? 0 : 1));
}

function failure(error) {
  const code = error && (typeof error.code === 'number' || typeof error.code === 'string') ? error.code : null;
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, code, message };
}

// The rejection miniprogram-ci leaves behind: the first error is the result, the rest is noise.
process.on('unhandledRejection', (error) => finish(failure(error)));

async function main() {
  const job = JSON.parse(process.argv[2] ?? '');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script, run by plain Node
  const ci = require(process.env.MINIGAME_STUDIO_MINIPROGRAM_CI || 'miniprogram-ci');
  const project = new ci.Project({
    appid: job.appid,
    type: 'miniGame',
    projectPath: job.projectPath,
    privateKeyPath: job.privateKeyPath,
    ignores: job.ignores,
  });
  const common = {
    project,
    desc: job.desc,
    setting: job.setting,
    robot: job.robot,
    onProgressUpdate: (task) => process.stderr.write(`${typeof task === 'string' ? task : (task && task._msg) || JSON.stringify(task)}\n`),
  };
  const result = job.action === 'upload'
    ? await ci.upload({ ...common, version: job.version })
    : await ci.preview({ ...common, version: job.version, qrcodeFormat: 'image', qrcodeOutputDest: job.qrcodeOutputDest });
  finish({ ok: true, subPackageInfo: (result && result.subPackageInfo) || [] });
}

main().catch((error) => finish(failure(error)));
