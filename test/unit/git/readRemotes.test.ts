import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { allRemoteUrls, readRemoteUrls, type RemoteUrls } from '../../../src/git/readRemotes';
import { armConfiguredCommands, git, ignoreMachineGitConfig, pushedRepository, removeTemporaryFolders, temporaryFolder } from './testRepository';

const SHOP = 'https://github.com/example-org/shop';

function initializedRepository(): string {
  const root = temporaryFolder();
  git(root, 'init', '-q');
  return root;
}

function only(result: RemoteUrls) {
  assert.equal(result.reason, undefined);
  assert.equal(result.remotes.length, 1, JSON.stringify(result));
  return result.remotes[0];
}

describe('readRemoteUrls', () => {
  // A developer's own insteadOf rules (say, every github.com URL over ssh) would change what git reports here.
  ignoreMachineGitConfig();
  after(removeTemporaryFolders);

  it('reads an https origin, the same raw and effective', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'origin', SHOP);
    assert.deepEqual(await readRemoteUrls(root), {
      remotes: [{ name: 'origin', urls: [SHOP], pushUrls: [], fetchUrl: SHOP, effectivePushUrls: [SHOP] }],
      reason: undefined,
    });
  });

  it('reads every remote in config order, an scp-like upstream included', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'origin', 'https://github.com/me/shop.git');
    git(root, 'remote', 'add', 'upstream', 'git@github.com:example-org/shop.git');
    const { remotes } = await readRemoteUrls(root);
    assert.deepEqual(remotes.map((remote) => [remote.name, remote.urls, remote.fetchUrl]), [
      ['origin', ['https://github.com/me/shop.git'], 'https://github.com/me/shop.git'],
      ['upstream', ['git@github.com:example-org/shop.git'], 'git@github.com:example-org/shop.git'],
    ]);
  });

  it('reports a pushurl, which git pushes to instead of the url', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'origin', SHOP);
    git(root, 'remote', 'set-url', '--push', 'origin', 'git@github.com:example-org/shop.git');
    assert.deepEqual(only(await readRemoteUrls(root)), {
      name: 'origin',
      urls: [SHOP],
      pushUrls: ['git@github.com:example-org/shop.git'],
      fetchUrl: SHOP,
      effectivePushUrls: ['git@github.com:example-org/shop.git'],
    });
  });

  it('reports both the configured URL and the local mirror that insteadOf sends git to', async () => {
    const { root, origin: mirror } = pushedRepository();
    git(root, 'remote', 'set-url', 'origin', SHOP);
    git(root, 'config', `url.${mirror}.insteadOf`, SHOP);
    const result = await readRemoteUrls(root);
    assert.deepEqual(only(result), { name: 'origin', urls: [SHOP], pushUrls: [], fetchUrl: mirror, effectivePushUrls: [mirror] });
    assert.deepEqual(allRemoteUrls(result.remotes), [SHOP, mirror]);
  });

  it('expands a short alias that insteadOf defines', async () => {
    const root = initializedRepository();
    git(root, 'config', 'url.https://github.com/.insteadOf', 'gh:');
    git(root, 'remote', 'add', 'origin', 'gh:example-org/shop');
    const origin = only(await readRemoteUrls(root));
    assert.deepEqual([origin.urls, origin.fetchUrl], [['gh:example-org/shop'], SHOP]);
  });

  it('keeps every url of a remote, of which git fetches from the first and pushes to all', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'origin', SHOP);
    git(root, 'remote', 'set-url', '--add', 'origin', 'https://gitlab.com/example-org/shop.git');
    const origin = only(await readRemoteUrls(root));
    assert.deepEqual(origin.urls, [SHOP, 'https://gitlab.com/example-org/shop.git']);
    assert.equal(origin.fetchUrl, SHOP);
    assert.deepEqual(origin.effectivePushUrls, origin.urls);
  });

  it('reads remote names with dots and dashes', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'my.fork', 'https://github.com/me/shop');
    git(root, 'remote', 'add', 'team-mirror', 'ssh://git@git.example.com:2222/team/shop.git');
    const { remotes } = await readRemoteUrls(root);
    assert.deepEqual(remotes.map((remote) => [remote.name, remote.urls[0], remote.fetchUrl]), [
      ['my.fork', 'https://github.com/me/shop', 'https://github.com/me/shop'],
      ['team-mirror', 'ssh://git@git.example.com:2222/team/shop.git', 'ssh://git@git.example.com:2222/team/shop.git'],
    ]);
  });

  it('reads the fetch URL of a partial clone, which git remote -v follows with its filter', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'origin', SHOP);
    git(root, 'config', 'remote.origin.promisor', 'true');
    git(root, 'config', 'remote.origin.partialclonefilter', 'blob:none');
    assert.equal(only(await readRemoteUrls(root)).fetchUrl, SHOP);
  });

  it('reads the remotes from a folder deep inside the repository', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'origin', SHOP);
    const deep = join(root, 'services', 'api', 'src');
    mkdirSync(deep, { recursive: true });
    assert.equal(only(await readRemoteUrls(deep)).fetchUrl, SHOP);
  });

  it('only reads config: runs no command the config names, even for remotes reached over ssh or ext::', async () => {
    const root = initializedRepository();
    git(root, 'remote', 'add', 'origin', SHOP);
    const ran = armConfiguredCommands(root);
    const { remotes } = await readRemoteUrls(root);
    assert.deepEqual(ran(), []);
    assert.deepEqual(remotes.map((remote) => remote.name).sort(), ['ext', 'origin', 'proxied', 'ssh']);
    assert.equal(remotes.find((remote) => remote.name === 'ssh')?.fetchUrl, 'ssh://git.example.invalid/shop.git');
  });

  it('gives no remotes, and says how to add one, for a repository without remotes', async () => {
    const root = initializedRepository();
    const result = await readRemoteUrls(root);
    assert.deepEqual(result.remotes, []);
    assert.match(result.reason ?? '', /has no remotes.*git remote add origin <url>/);
  });

  it('gives no remotes for a folder outside any repository, and says so', async () => {
    const folder = temporaryFolder();
    const result = await readRemoteUrls(folder);
    assert.deepEqual(result, {
      remotes: [],
      reason: `The folder "${folder}" is not inside a git repository, so it has no remotes to find its Northflank services by. Open the repository's folder.`,
    });
  });

  it('gives no remotes for a missing folder, and says it does not exist', async () => {
    const folder = join(temporaryFolder(), 'missing');
    assert.deepEqual(await readRemoteUrls(folder), { remotes: [], reason: `The folder "${folder}" does not exist.` });
  });
});

describe('allRemoteUrls', () => {
  it('lists raw and effective URLs of every remote once, leaving out a remote without url', () => {
    const urls = allRemoteUrls([
      { name: 'origin', urls: [SHOP], pushUrls: ['git@github.com:example-org/shop.git'], fetchUrl: SHOP, effectivePushUrls: ['git@github.com:example-org/shop.git'] },
      { name: 'backup', urls: [], pushUrls: [], fetchUrl: undefined, effectivePushUrls: [] },
      { name: 'upstream', urls: ['gh:example-org/shop'], pushUrls: [], fetchUrl: SHOP, effectivePushUrls: [SHOP] },
    ]);
    assert.deepEqual(urls, [SHOP, 'git@github.com:example-org/shop.git', 'gh:example-org/shop']);
  });
});
