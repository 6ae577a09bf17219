export const STAGE_FILE_LINES = 10_000;
export const STAGE_COUNT = 100;

/**
 * A 10,000-line Dockerfile of 100 stages of 100 lines, each written the way real ones are: a named
 * FROM (every third with --platform and a build argument), ARG and ENV, a heredoc, COPY --from the
 * stage before, and RUN instructions continued over ten lines with a comment among them.
 */
export function multiStageDockerfile(): string {
  const lines: string[] = [];
  for (let stage = 0; stage < STAGE_COUNT; stage++) {
    lines.push(
      stage === 0 ? 'ARG BASE=node:20-alpine' : '',
      stage % 3 === 0 ? `FROM --platform=$BUILDPLATFORM \${BASE} AS stage-${stage}` : `FROM node:20-alpine AS stage-${stage}`,
      `ARG VERSION_${stage}=1.${stage}.0`,
      `ENV STAGE=${stage} NODE_ENV=production`,
      'WORKDIR /app',
      stage > 0 ? `COPY --from=stage-${stage - 1} /app/out ./previous` : 'COPY package.json ./',
      'RUN <<EOF',
      `echo "stage ${stage}" > /app/stage.txt`,
      'EOF',
      'RUN apk add --no-cache git',
    );
    for (let step = 0; step < 9; step++) {
      lines.push(`RUN npm run step-${step} -- --stage ${stage} && \\`, '    # each step writes into /app/out');
      for (let line = 0; line < 7; line++) lines.push(`    echo "stage ${stage} step ${step} line ${line}" >> /app/out/log.txt && \\`);
      lines.push('    true');
    }
  }
  if (lines.length !== STAGE_FILE_LINES) throw new Error(`the generated Dockerfile has ${lines.length} lines, not ${STAGE_FILE_LINES}`);
  return `${lines.join('\n')}\n`;
}

/** A Dockerfile of `lines` lines in ten-line stages: FROM with a flag, a continued RUN, comments, a blank line. */
export function tenLineStagesDockerfile(lines: number): string {
  const out: string[] = [];
  for (let stage = 0; out.length < lines; stage++) {
    out.push(
      `FROM --platform=linux/amd64 node:20-alpine AS stage${stage}`,
      '# install',
      'RUN apk add --no-cache \\',
      '    curl \\',
      '    git',
      'WORKDIR /app',
      `COPY --from=stage${Math.max(stage - 1, 0)} /app /app`,
      'ENV NODE_ENV=production',
      '',
      'RUN npm ci',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/**
 * One stage whose lines are built to trip a backtracking regular expression: `size` escaped spaces
 * before a continuation, a comment of `size` "= ", `size / 2` heredoc openers.
 */
export function backtrackingDockerfile(size: number): string {
  return `FROM a AS b\nRUN ${'\\ '.repeat(size)}x\n# ${'= '.repeat(size)}\nCOPY ${'<<'.repeat(size / 2)} /x\n`;
}
