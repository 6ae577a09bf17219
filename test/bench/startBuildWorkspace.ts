import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from '../fixtures/workspace';

export interface StartBuildWorkspace {
  dir: string;
  sha: string;
  remove(): void;
}

// No named stage: the service's default target is built and Start Build has nothing to ask.
const DOCKERFILE = `# syntax=docker/dockerfile:1.7
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
CMD ["node", "server.js"]
`;

const FILES: Record<string, string> = {
  Dockerfile: DOCKERFILE,
  'package.json': '{ "name": "web", "version": "1.0.0", "private": true }\n',
  'package-lock.json': '{ "name": "web", "lockfileVersion": 3, "packages": {} }\n',
  'server.js': "require('node:http').createServer((_, res) => res.end('ok')).listen(3000);\n",
  'README.md': '# web\n',
};

/** A service repository with one single-stage Dockerfile at its root, committed and pushed to a bare `origin` beside it. */
export function createStartBuildWorkspace(): StartBuildWorkspace {
  const container = mkdtempSync(join(tmpdir(), 'nf-bench-'));
  const dir = join(container, 'web');
  const origin = join(container, 'origin.git');
  for (const [path, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(container, ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  git(dir, ['remote', 'add', 'origin', origin]);
  git(dir, ['add', '--all']);
  git(dir, ['commit', '--quiet', '-m', 'Web service'], { GIT_AUTHOR_DATE: '2025-05-01T10:00:00Z', GIT_COMMITTER_DATE: '2025-05-01T10:00:00Z' });
  git(dir, ['push', '--quiet', '--set-upstream', 'origin', 'main']);
  return { dir, sha: git(dir, ['rev-parse', 'HEAD']), remove: () => rmSync(container, { recursive: true, force: true }) };
}
