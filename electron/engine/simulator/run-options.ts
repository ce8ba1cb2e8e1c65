/**
 * What a simulator run takes from the project besides OUT: minigame-studio.json's `simulator`
 * (domain lists, urlCheck, fakes) and the run's own choices (a fakes file, an independent
 * subpackage to start in), each checked with an error that names the file and field.
 */
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import { StudioError } from '../errors.js';
import type { ProjectSettings } from '../types.js';
import { checkFakes, loadFakes, type Fakes } from './fakes.js';
import { NET_KINDS, type DomainLists } from './net-policy.js';

export interface RunChoices {
  /** A fakes file (absolute), over the project's `simulator.fakes`. */
  readonly fakes?: string;
  readonly subpackage?: string;
}

export interface ProjectRunOptions {
  readonly domains: DomainLists;
  readonly urlCheck?: boolean;
  readonly fakes?: Fakes;
  readonly subpackage?: string;
}

function domainsOf(value: NonNullable<ProjectSettings['projectFile']>['simulator']): DomainLists {
  const domains = value?.domains;
  const lists = Array.isArray(domains)
    ? Object.fromEntries(NET_KINDS.map((kind) => [kind, domains]))
    : Object.fromEntries(NET_KINDS.map((kind) => [kind, domains?.[kind] ?? []]));
  for (const [kind, list] of Object.entries(lists) as [string, string[]][]) {
    for (const domain of list) {
      if (!URL.canParse(domain) || !/^(https?|wss?):$/.test(new URL(domain).protocol)) {
        throw new StudioError(`${PROJECT_FILE_NAME}: simulator.domains${Array.isArray(domains) ? '' : `.${kind}`} holds "${domain}", which is not an address like https://api.example.com.`, {
          code: 'PROJECT_FILE_INVALID',
          field: 'simulator.domains',
          exitCode: 2,
        });
      }
    }
  }
  return lists as unknown as DomainLists;
}

export async function projectRunOptions(settings: ProjectSettings, choices: RunChoices): Promise<ProjectRunOptions> {
  const simulator = settings.projectFile?.simulator;
  const domains = domainsOf(simulator);
  let fakes: Fakes | undefined;
  if (choices.fakes) fakes = await loadFakes(choices.fakes, settings.projectDir);
  else if (typeof simulator?.fakes === 'string') fakes = await loadFakes(simulator.fakes, settings.projectDir);
  else if (simulator?.fakes) fakes = checkFakes(simulator.fakes, `${PROJECT_FILE_NAME}: simulator.fakes`);
  if (choices.subpackage !== undefined) {
    const sub = settings.subpackages.find((s) => s.name === choices.subpackage);
    const independent = settings.subpackages.filter((s) => s.independent).map((s) => s.name);
    const known = independent.length ? `the independent subpackages are ${independent.join(', ')}` : 'the game has no independent subpackage';
    if (!sub) throw new StudioError(`--subpackage ${choices.subpackage}: there is no subpackage of that name; ${known}.`, { code: 'USAGE', field: 'subpackage', exitCode: 2 });
    if (!sub.independent) throw new StudioError(`--subpackage ${choices.subpackage}: only an independent subpackage can be started on its own; ${known}.`, { code: 'USAGE', field: 'subpackage', exitCode: 2 });
  }
  return { domains, urlCheck: simulator?.urlCheck, fakes, subpackage: choices.subpackage };
}

