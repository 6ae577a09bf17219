import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { DOCKERFILE_GLOB, isDockerfileName } from '../../../src/dockerfile/dockerfileName';

// Compiled to out/test/unit/dockerfile; package.json stays at the repository root.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
};

/**
 * The regular expressions of the `resourceFilename =~ /…/flags` clauses in a when-clause, read the way
 * VS Code reads them: the pattern runs to the first `/` that is neither escaped nor inside `[…]`.
 */
function filenameRegexes(when: string): RegExp[] {
  const found: RegExp[] = [];
  const clause = /resourceFilename\s*=~\s*\//g;
  for (let match = clause.exec(when); match; match = clause.exec(when)) {
    let end = clause.lastIndex;
    let inClass = false;
    for (; end < when.length; end++) {
      const character = when[end];
      if (character === '\\') end++;
      else if (character === '[') inClass = true;
      else if (character === ']') inClass = false;
      else if (character === '/' && !inClass) break;
    }
    assert.ok(end < when.length, `the regular expression in "${when}" is not closed`);
    const flags = /^[a-z]*/.exec(when.slice(end + 1))![0];
    found.push(new RegExp(when.slice(clause.lastIndex, end), flags));
    clause.lastIndex = end + 1;
  }
  return found;
}

/** Every file-name pattern of the menus that offer Start Build on a file, with where it is. */
const menuPatterns = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) =>
  items.flatMap((item) => filenameRegexes(item.when ?? '').map((regex) => ({ menu, regex }))),
);

/**
 * Matches the way VS Code's `findFiles` does: `*` matches any run of characters in a segment, none
 * and a leading dot included (VS Code's glob and ripgrep have no special case for dot files), `?`
 * one character, `{a,b}` either, `**\/` any number of folders. Case-sensitive, as on Linux.
 */
const globMatches = (path: string) => minimatch(path, DOCKERFILE_GLOB, { dot: true }); // minimatch comes with @vscode/vsce

const NAMES = [
  'Dockerfile',
  'Dockerfile.prod',
  'Dockerfile.prod.arm64',
  'Dockerfile.dockerignore',
  'Dockerfile.',
  'Dockerfile..',
  'Dockerfilex',
  'Dockerfiles',
  'dockerfile',
  'DOCKERFILE',
  'MyDockerfile',
  'web.Dockerfile',
  'api.dockerfile',
  'web.DockerFile',
  '..Dockerfile',
  '.Dockerfile',
  '.dockerfile',
  'Containerfile',
  'containerfile',
  'Containerfile.dev',
  'dev.Containerfile',
  'README.md',
  'docker-compose.yml',
  '.dockerignore',
];

describe('Which files are Dockerfiles', () => {
  it("finds the menus' file-name patterns in package.json", () => {
    const menus = menuPatterns.map(({ menu }) => menu).sort();
    assert.deepEqual(menus, ['editor/context', 'editor/title', 'explorer/context']);
  });

  for (const { menu, regex } of menuPatterns) {
    it(`the Dockerfile search finds exactly the files ${menu} offers Start Build on`, () => {
      const disagreements = NAMES.flatMap((name) =>
        [name, `services/api/${name}`].flatMap((path) => {
          const offered = regex.test(name);
          const found = globMatches(path);
          return offered === found ? [] : [`${path}: ${menu} ${offered ? 'offers' : 'does not offer'} it, ${DOCKERFILE_GLOB} ${found ? 'finds' : 'does not find'} it`];
        }),
      );
      assert.deepEqual(disagreements, []);
    });
  }

  it('accepts the usual Dockerfile names and refuses the rest, on both sides', () => {
    const accepted = NAMES.filter(globMatches);
    assert.deepEqual(accepted, ['Dockerfile', 'Dockerfile.prod', 'Dockerfile.prod.arm64', 'Dockerfile.dockerignore', 'Dockerfile..', 'web.Dockerfile', 'api.dockerfile', '..Dockerfile', 'Containerfile']);
  });

  it('names a file as a Dockerfile exactly when the search would find it (the index reads the watcher\'s events by name)', () => {
    assert.deepEqual(NAMES.filter(isDockerfileName), NAMES.filter(globMatches));
  });
});
