import type { DockerfileSettings } from '../northflank/types';
import { canonicalFilePath, canonicalFolder } from './dockerfileLocation';

export interface ContextChoice {
  /** In `canonicalFolder` form, as it is sent. */
  folder: string;
  /** Where the folder comes from: the service's configuration or the chosen Dockerfile. */
  from: 'service' | 'dockerfile';
}

/**
 * The build contexts worth offering for a chosen Dockerfile, the default first. A Dockerfile builds from
 * its own folder, unless it is the service's configured Dockerfile: then the service's configured
 * context, which is where Northflank builds it from. One choice when the two are the same folder.
 */
export function contextChoices(dockerFilePath: string, service: DockerfileSettings): ContextChoice[] {
  const ownFolder = canonicalFolder(dockerFilePath.slice(0, dockerFilePath.lastIndexOf('/')));
  const serviceFolder = canonicalFolder(service.workDir ?? '/');
  const isServiceDockerfile = service.path !== undefined && canonicalFilePath(service.path) === canonicalFilePath(dockerFilePath);
  if (ownFolder === serviceFolder) return [{ folder: ownFolder, from: isServiceDockerfile ? 'service' : 'dockerfile' }];
  const own: ContextChoice = { folder: ownFolder, from: 'dockerfile' };
  const configured: ContextChoice = { folder: serviceFolder, from: 'service' };
  return isServiceDockerfile ? [configured, own] : [own, configured];
}
