/**
 * Remote URL: every non-script file of the main package that may move (not keepInPackage, not the
 * open data context, the workers or the loading image) goes to OUT-res, served from the URL; the
 * runtime resolves the game's own paths, so no code changes. Scripts can't move, and it says so.
 */
import { basename } from 'node:path';
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { movableToRemote } from '../../plan.js';
import { formatBytes } from '../../report.js';
import type { FitContext, FitOption, FitProposer } from '../context.js';
import { biggest, sumBytes } from './examples.js';

export const remoteUrlProposer: FitProposer = {
  id: 'remote-url',
  propose(ctx: FitContext): FitOption[] {
    const { settings, plan } = ctx.analysis;
    if (settings.remoteUrl !== '') return [];
    const main = ctx.current.packages.find((p) => p.name === MAIN_PACKAGE);
    if (main?.status === 'ok' && ctx.current.total.status === 'ok') return [];
    const movable = movableToRemote(settings);
    const files = plan.files.filter((f) => f.package === MAIN_PACKAGE && f.destination === 'package' && movable(f.path));
    if (files.length === 0) return [];
    const bytes = sumBytes(files);
    const scripts = sumBytes(plan.files.filter((f) => f.package === MAIN_PACKAGE && f.destination === 'package' && f.isScript));
    const resDir = `${basename(settings.outDir)}-res/`;
    const placeholder = `https://cdn.example.com/${encodeURIComponent(settings.wechat.projectname || 'my-game')}/`;
    return [
      {
        title: 'Serve images, audio and other non-script files from a Remote URL',
        actions: [
          {
            kind: 'remote-url',
            title: `Remote URL: ${files.length} files (${formatBytes(bytes)}) of the main package move to ${resDir}, served from the URL`,
            files: files.length,
            bytes,
            examples: biggest(files),
            safety: 'safe',
            codeChange: null,
            evidence: [
              `The studio's runtime resolves the game's own paths (wx.createImage, audio, file reads) to the URL, so the code stays as it is.`,
              `Upload ${resDir} to the URL after each build.`,
            ],
            uncertain: [],
            limits: [`Scripts can't be served from a Remote URL: ${formatBytes(scripts)} of scripts stay in the main package.`],
            needsInput: {
              field: 'remoteUrl',
              message: `A Remote URL is needed: the https:// address where you will upload ${resDir}. The sizes were computed with ${placeholder}.`,
              placeholder,
            },
            delta: { remoteUrl: placeholder },
          },
        ],
      },
    ];
  },
};
