import { sameFolder } from '../../dockerfile/dockerfileLocation';
import type { Prompter } from '../prompter';

/**
 * The service's configured work directory, unless the user prefers the
 * Dockerfile's own folder. No question when the two are the same.
 */
export async function pickWorkDir(prompter: Prompter, configured: string | undefined, dockerfileFolder: string): Promise<string | undefined> {
  const serviceDir = configured ?? '/';
  if (sameFolder(serviceDir, dockerfileFolder)) return serviceDir;
  return prompter.pick(
    [
      { label: serviceDir, description: configured ? 'configured on the service' : 'repository root', value: serviceDir },
      { label: dockerfileFolder, description: "the Dockerfile's folder", value: dockerfileFolder },
    ],
    { title: 'Start Build: build context', placeholder: 'Which folder is the Docker build context?' },
  );
}
