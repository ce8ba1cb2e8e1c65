/**
 * Opens a folder or URL with the OS default handler in web mode and from `npm start` (Electron
 * uses shell.openPath instead). The target is passed as one argument, never through a shell, and
 * a failure (no desktop, no xdg-open) is ignored: the path or URL is shown to the user anyway.
 */
import { spawn } from 'node:child_process';

export function osOpenCommand(target: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [target]];
  // `start` is a cmd built-in; explorer.exe opens folders and URLs without one.
  if (platform === 'win32') return ['explorer.exe', [target]];
  return ['xdg-open', [target]];
}

export async function openWithOs(target: string): Promise<void> {
  const [command, args] = osOpenCommand(target);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Nothing to open with: the caller shows the path.
  }
}
