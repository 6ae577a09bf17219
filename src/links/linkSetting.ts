import type { BuildableRef } from '../northflank/types';

/** One entry of the `northflank.links` setting, as a team writes it in `.vscode/settings.json`. */
export interface LinkSettingEntry {
  project: string;
  service?: string;
  job?: string;
  /** The Dockerfile this link builds, from the repository root; overrides the service's own. */
  dockerfile?: string;
  /** The Northflank team that owns the project, for people signed in to several. */
  team?: string;
}

export interface SettingLink {
  ref: BuildableRef;
  dockerFilePath?: string;
  teamId?: string;
}

/** Reads the setting, keeping what is usable and saying what is not (a typo must not silently drop a link). */
export function parseLinkSetting(value: unknown): { links: SettingLink[]; problems: string[] } {
  const links: SettingLink[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { links, problems };
  if (!Array.isArray(value)) return { links, problems: ['northflank.links must be a list of { "project", "service" or "job" } entries.'] };
  value.forEach((entry: unknown, index) => {
    const where = `northflank.links[${index}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return problems.push(`${where} must be an object.`);
    const { project, service, job, dockerfile, team } = entry as Record<string, unknown>;
    if (typeof project !== 'string' || project.trim() === '') return problems.push(`${where} needs a "project" id.`);
    const hasService = typeof service === 'string' && service.trim() !== '';
    const hasJob = typeof job === 'string' && job.trim() !== '';
    if (hasService === hasJob) return problems.push(`${where} needs exactly one of "service" or "job".`);
    if (dockerfile !== undefined && typeof dockerfile !== 'string') return problems.push(`${where}.dockerfile must be a path such as "/services/api/Dockerfile".`);
    if (team !== undefined && (typeof team !== 'string' || team.trim() === '')) return problems.push(`${where}.team must be a Northflank team's id, such as "my-team".`);
    const ref: BuildableRef = hasJob ? { projectId: project.trim(), jobId: (job as string).trim() } : { projectId: project.trim(), serviceId: (service as string).trim() };
    links.push({ ref, ...(dockerfile ? { dockerFilePath: dockerfile } : {}), ...(typeof team === 'string' ? { teamId: team.trim() } : {}) });
  });
  return { links, problems };
}

/** The setting's entry for a link; never holds more than ids and a path, and so never a token. */
export function toLinkSettingEntry(ref: BuildableRef, dockerFilePath?: string, teamId?: string): LinkSettingEntry {
  const owner = 'jobId' in ref ? { job: ref.jobId } : { service: ref.serviceId };
  return { project: ref.projectId, ...owner, ...(dockerFilePath ? { dockerfile: dockerFilePath } : {}), ...(teamId ? { team: teamId } : {}) };
}
