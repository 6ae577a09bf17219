/** Where a hosted repository lives: a lower-case host and its path, one lower-case segment per item. */
export interface HostedPath {
  host: string;
  segments: string[];
}

/** Hosts that serve SSH on port 443 for networks that block port 22; they reach the same repositories. */
const SSH_OVER_HTTPS_PORT: Record<string, string> = {
  'ssh.github.com': 'github.com',
  'altssh.gitlab.com': 'gitlab.com',
  'altssh.bitbucket.org': 'bitbucket.org',
};

/**
 * The one spelling of a repository on a hosting service that accepts several for it.
 * Azure DevOps has the most: `dev.azure.com/org/project/_git/repo`, the older
 * `org.visualstudio.com/[DefaultCollection/]project/_git/repo`, an SSH path without `_git`
 * (`v3/org/project/repo`), and `_git/repo` alone for the repository named like its project.
 */
export function canonicalHostedPath({ host, segments }: HostedPath): HostedPath {
  const sshHost = SSH_OVER_HTTPS_PORT[host];
  if (sshHost !== undefined) return { host: sshHost, segments };
  if (host === 'ssh.dev.azure.com' || host === 'vs-ssh.visualstudio.com') {
    const [version, organization, project, repository, ...more] = segments;
    if (version !== 'v3' || repository === undefined || more.length > 0) return { host, segments };
    return azureDevOps(organization, [project, '_git', repository]);
  }
  if (host === 'dev.azure.com' && segments.length > 0) return azureDevOps(segments[0], segments.slice(1));
  const visualStudio = /^([^.]+)\.visualstudio\.com$/.exec(host);
  if (visualStudio) {
    // DefaultCollection is the only collection these hosts have; no project may take that name.
    const rest = segments[0] === 'defaultcollection' ? segments.slice(1) : segments;
    return azureDevOps(visualStudio[1], rest);
  }
  return { host, segments };
}

function azureDevOps(organization: string, rest: string[]): HostedPath {
  const project = rest.length === 2 && rest[0] === '_git' ? [rest[1]] : [];
  return { host: 'dev.azure.com', segments: [organization, ...project, ...rest] };
}
