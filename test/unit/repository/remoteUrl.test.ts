import * as assert from 'node:assert/strict';
import { repositoryKey, sameRepository } from '../../../src/repository/remoteUrl';

const SHOP = 'https://github.com/example-org/shop';
const SELF_HOSTED = 'https://git.example.com/group/sub/repo';
const AZURE = 'https://dev.azure.com/org/project/_git/repo';

/** [what the rule is, a remote URL, a URL of the same repository] */
const SAME: Array<[string, string, string]> = [
  ['ignores the case of owner and repository', 'https://github.com/Example-Org/Shop', SHOP],
  ['ignores a .git suffix', 'https://github.com/example-org/shop.git', SHOP],
  ['ignores a trailing slash', 'https://github.com/example-org/shop/', SHOP],
  ['ignores the case of the host, with .git and a trailing slash', 'https://GitHub.com/example-org/shop.git/', SHOP],
  ['ignores a trailing newline and spaces', `  ${SHOP}.git\n`, SHOP],
  ['treats http and https alike', 'http://github.com/example-org/shop', SHOP],
  ['ignores a user name', 'https://someone@github.com/example-org/shop.git', SHOP],
  ['ignores a user name and token', 'https://someone:ghp_secret@github.com/example-org/shop', SHOP],
  ['reads the scp-like form with a user', 'git@github.com:example-org/shop.git', SHOP],
  ['reads the scp-like form without a user', 'github.com:example-org/shop', SHOP],
  ['reads the scp-like form with an absolute path', 'git@github.com:/example-org/shop.git', SHOP],
  ['reads ssh:// URLs', 'ssh://git@github.com/example-org/shop.git', SHOP],
  ['ignores the SSH port', 'ssh://git@github.com:22/example-org/shop.git', SHOP],
  ["takes GitHub's SSH-over-443 host for github.com", 'ssh://git@ssh.github.com:443/example-org/shop.git', SHOP],
  ["takes GitLab's SSH-over-443 host for gitlab.com", 'ssh://git@altssh.gitlab.com:443/group/app.git', 'https://gitlab.com/group/app'],
  ['reads git:// URLs', 'git://github.com/example-org/shop.git', SHOP],
  ['reads git+ssh:// URLs', 'git+ssh://git@github.com/example-org/shop.git', SHOP],
  ['reads git+https:// URLs', 'git+https://github.com/example-org/shop.git', SHOP],
  ['reads an upper-case scheme', 'HTTPS://github.com/example-org/shop', SHOP],
  ['ignores the port of a self-hosted SSH server', 'ssh://git@git.example.com:2222/group/sub/repo.git', SELF_HOSTED],
  ['ignores the port of a self-hosted HTTPS server', 'https://git.example.com:8443/group/sub/repo', SELF_HOSTED],
  ['matches self-hosted SSH and HTTPS on different ports', 'ssh://git@git.example.com:2222/group/sub/repo.git', 'https://git.example.com:8443/group/sub/repo'],
  ['keeps GitLab subgroups in the scp-like form', 'git@git.example.com:group/sub/repo.git', SELF_HOSTED],
  ['matches Bitbucket over https with a user and over ssh', 'https://someone@bitbucket.org/owner/repo.git', 'git@bitbucket.org:owner/repo.git'],
  ['ignores the Azure DevOps organization as user name', 'https://org@dev.azure.com/org/project/_git/repo', AZURE],
  ['reads the Azure DevOps SSH path, which has no _git', 'git@ssh.dev.azure.com:v3/org/project/repo', AZURE],
  ['takes org.visualstudio.com for dev.azure.com/org', 'https://org.visualstudio.com/project/_git/repo', AZURE],
  ['drops DefaultCollection from visualstudio.com URLs', 'https://org.visualstudio.com/DefaultCollection/project/_git/repo', AZURE],
  ['reads the old visualstudio.com SSH host', 'org@vs-ssh.visualstudio.com:v3/org/project/repo', AZURE],
  ['reads _git/repo alone as the repository named like its project', 'https://dev.azure.com/org/_git/shop', 'https://dev.azure.com/org/shop/_git/shop'],
  ['decodes percent-escapes, as in Azure project names with spaces', 'https://dev.azure.com/org/My%20Project/_git/repo', 'git@ssh.dev.azure.com:v3/org/My Project/repo'],
  ['encodes international host names the same way', 'https://bücher.example/team/app', 'ssh://git@xn--bcher-kva.example/team/app.git'],
];

/** [what tells them apart, a remote URL, a URL of another repository] */
const DIFFERENT: Array<[string, string, string]> = [
  ['another owner', 'https://github.com/someone-else/shop', SHOP],
  ['another repository', 'https://github.com/example-org/cart', SHOP],
  ['a repository whose name only starts the same', 'https://github.com/example-org/shop-2', SHOP],
  ['another host', 'https://gitlab.com/example-org/shop', SHOP],
  ['another host in scp-like form', 'git@gitlab.com:example-org/shop.git', SHOP],
  ['a subgroup under the repository path', 'https://gitlab.com/owner/repo/sub', 'https://gitlab.com/owner/repo'],
  ['a parent group', 'https://git.example.com/group/repo', SELF_HOSTED],
  ['another Azure DevOps project', 'https://dev.azure.com/org/other/_git/repo', AZURE],
  ['another Azure DevOps organization', 'https://other.visualstudio.com/project/_git/repo', AZURE],
  ['a local mirror of the same name', '/srv/git/example-org/shop.git', SHOP],
];

/** [what it is, a remote that names no hosted repository] */
const NOT_HOSTED: Array<[string, string]> = [
  ['an empty string', ''],
  ['blank space', '  \n'],
  ['an absolute local path', '/srv/git/x.git'],
  ['a relative local path', '../x'],
  ['a relative path with a colon after a slash', './backups/x:y'],
  ['a file:// URL', 'file:///srv/git/x.git'],
  ['a Windows path', 'C:\\repos\\shop'],
  ['a Windows path with forward slashes', 'C:/repos/shop'],
  ['a host without a path', 'https://github.com/'],
  ['a URL of a scheme no hosting service serves git over', 'ftp://example.com/shop.git'],
  ['a remote-helper address', 'codecommit::eu-west-1://shop'],
  ['a bare word', 'shop'],
];

describe('repositoryKey and sameRepository', () => {
  for (const [rule, remote, other] of SAME) {
    it(`${rule}: ${JSON.stringify(remote)} is ${JSON.stringify(other)}`, () => {
      assert.ok(repositoryKey(remote), `no key for ${remote}`);
      assert.equal(repositoryKey(remote), repositoryKey(other));
      assert.ok(sameRepository(remote, other) && sameRepository(other, remote));
    });
  }

  for (const [difference, remote, other] of DIFFERENT) {
    it(`tells apart ${difference}: ${JSON.stringify(remote)} is not ${JSON.stringify(other)}`, () => {
      assert.equal(sameRepository(remote, other), false);
    });
  }

  for (const [what, remote] of NOT_HOSTED) {
    it(`gives no key for ${what} (${JSON.stringify(remote)}), which matches nothing, not even itself`, () => {
      assert.equal(repositoryKey(remote), undefined);
      assert.equal(sameRepository(remote, remote), false);
    });
  }

  it('keeps user names and tokens out of the key', () => {
    assert.equal(repositoryKey('https://someone:ghp_secret@github.com/Example-Org/Shop.git'), 'github.com/example-org/shop');
  });

  it('writes the key as host and path, so it can be shown and logged', () => {
    assert.equal(repositoryKey('ssh://git@git.example.com:2222/Group/Sub/Repo.git'), 'git.example.com/group/sub/repo');
  });
});
