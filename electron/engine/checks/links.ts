/**
 * LINK_OUTSIDE_PROJECT: a symbolic link of the game whose real target lies outside the game folder
 * (`images/x.png -> /etc/passwd`, `assets -> ../../elsewhere`). The scan leaves it out unless the
 * project file sets includeLinksOutsideProject, so a package never picks up files from elsewhere
 * on the machine without anyone noticing.
 */
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import type { Problem } from '../../../shared/problems.js';
import { problem, type CheckContext } from './context.js';

export function checkLinksOutside({ inventory }: CheckContext): Problem[] {
  return (inventory.linksOutside ?? [])
    .filter((link) => !link.followed)
    .map((link) =>
      problem(
        'warning',
        'LINK_OUTSIDE_PROJECT',
        `${link.path} is a symbolic link to ${link.target}, outside the project, so ${link.kind === 'folder' ? 'that folder was' : 'that file was'} left out of the package. Copy what the game needs into the project, or set "includeLinksOutsideProject": true in ${PROJECT_FILE_NAME} to package what such links point at.`,
        link.path,
      ),
    );
}
