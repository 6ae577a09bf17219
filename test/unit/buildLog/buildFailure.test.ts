import * as assert from 'node:assert/strict';
import { cleanLogLine, findBuildFailure } from '../../../src/buildLog/buildFailure';

// The excerpts are written from BuildKit's and kaniko's documented and widely quoted output formats,
// not copied from Northflank builds (none could be run from here). What is known and what is inferred:
// - BuildKit (plain progress): the `#N [stage i/n] INSTRUCTION` step names, `#N ERROR: …` step errors, the
//   `------ > [step]: ------` output block, the `Dockerfile:N` header with the excerpt between lines of 20
//   dashes where `>>>` marks the failing line, and the final `ERROR: failed to solve: …`: the format
//   docker buildx and buildctl print. The number of context lines around `>>>` and the exact wording of
//   the network and pull errors are inferred.
// - kaniko: `INFO[0003] RUN npm ci` before each instruction and the final
//   `error building image: error building stage: failed to execute command: …`: kaniko's format; the
//   prefixes (`Error: `, `ERRO[…]`) seen around that last line are inferred.
// - How Northflank frames lines (`stdout F <text>`, a timestamp in front) is from its docs' example;
//   that a builder killed for memory ends its log with `OOMKilled` or `Killed` is inferred.

const API_DOCKERFILE = `# syntax=docker/dockerfile:1
FROM node:20-alpine AS build
WORKDIR /src
COPY package.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine AS runtime
WORKDIR /app
COPY --from=build /src/dist ./dist
RUN apk add --no-cache \\
      curl \\
      tini
CMD ["node", "dist/server.js"]
`;

const lines = (text: string) => text.split('\n');

const BUILDKIT_RUN_FAILURE = lines(`#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 412B done
#1 DONE 0.0s
#5 [build 3/6] COPY package.json ./
#5 DONE 0.1s
#6 [build 4/6] RUN npm ci
#6 1.203 npm ERR! code ERESOLVE
#6 1.204 npm ERR! ERESOLVE unable to resolve dependency tree
#6 ERROR: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1
------
 > [build 4/6] RUN npm ci:
1.203 npm ERR! code ERESOLVE
1.204 npm ERR! ERESOLVE unable to resolve dependency tree
------
Dockerfile:5
--------------------
   3 |     WORKDIR /src
   4 |     COPY package.json ./
   5 | >>> RUN npm ci
   6 |     COPY . .
   7 |     RUN npm run build
--------------------
ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1`);

describe('findBuildFailure', () => {
  describe('BuildKit', () => {
    it('takes the line and instruction from the excerpt under "Dockerfile:5" and the message from "failed to solve"', () => {
      assert.deepEqual(findBuildFailure(BUILDKIT_RUN_FAILURE), {
        dockerfile: 'Dockerfile',
        line: 5,
        instruction: 'RUN npm ci',
        message: 'failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
      });
    });

    it('keeps the Dockerfile path as the log names it, for a Dockerfile in a subfolder', () => {
      const log = lines(`#7 [build 6/6] RUN npm run build
#7 ERROR: process "/bin/sh -c npm run build" did not complete successfully: exit code: 2
services/api/Dockerfile:7
--------------------
   5 |     RUN npm install
   6 |     COPY . .
   7 | >>> RUN npm run build
   8 |
   9 |     FROM node:20-alpine AS runtime
--------------------
ERROR: failed to solve: process "/bin/sh -c npm run build" did not complete successfully: exit code: 2`);
      const failure = findBuildFailure(log);
      assert.equal(failure?.dockerfile, 'services/api/Dockerfile');
      assert.equal(failure?.line, 7);
      assert.equal(failure?.instruction, 'RUN npm run build');
    });

    it('reads the first line of a multi-line instruction, whose excerpt marks each of its lines, and joins them', () => {
      const log = lines(`#9 [runtime 3/3] RUN apk add --no-cache       curl       tini
#9 0.4 ERROR: unable to select packages:
#9 0.4   tini (no such package):
#9 ERROR: process "/bin/sh -c apk add --no-cache       curl       tini" did not complete successfully: exit code: 1
Dockerfile:12-14
--------------------
  11 |     COPY --from=build /src/dist ./dist
  12 | >>> RUN apk add --no-cache \\
  13 | >>>       curl \\
  14 | >>>       tini
  15 |     CMD ["node", "dist/server.js"]
--------------------
ERROR: failed to solve: process "/bin/sh -c apk add --no-cache       curl       tini" did not complete successfully: exit code: 1`);
      const failure = findBuildFailure(log);
      assert.equal(failure?.line, 12);
      assert.equal(failure?.instruction, 'RUN apk add --no-cache curl tini');
    });

    it('strips colour escapes, Northflank\'s runtime framing and timestamps before reading', () => {
      const framed = BUILDKIT_RUN_FAILURE.map((line, i) => `2025-05-05T16:01:${String(i).padStart(2, '0')}.123456789Z stdout F \u001b[31m${line}\u001b[0m`);
      assert.deepEqual(findBuildFailure(framed), findBuildFailure(BUILDKIT_RUN_FAILURE));
      const documentLines = BUILDKIT_RUN_FAILURE.map((line) => `2025-05-05T16:01:40.000Z ${line}`);
      assert.equal(findBuildFailure(documentLines)?.line, 5);
    });

    it('when the log stops after the step error, names the step\'s instruction and finds it in the Dockerfile text', () => {
      const cut = BUILDKIT_RUN_FAILURE.slice(0, BUILDKIT_RUN_FAILURE.indexOf('------'));
      assert.deepEqual(findBuildFailure(cut), {
        instruction: 'RUN npm ci',
        message: 'process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
      });
      assert.equal(findBuildFailure(cut, { dockerfileText: API_DOCKERFILE })?.line, 5);
    });

    it('gives a network failure a message and no line', () => {
      const log = lines(`#2 [internal] load metadata for docker.io/library/node:20-alpine
#2 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/library/node/manifests/20-alpine": dial tcp: lookup registry-1.docker.io on 10.0.0.10:53: no such host
------
 > [internal] load metadata for docker.io/library/node:20-alpine:
------
ERROR: failed to solve: node:20-alpine: failed to resolve source metadata for docker.io/library/node:20-alpine: failed to do request: Head "https://registry-1.docker.io/v2/library/node/manifests/20-alpine": dial tcp: lookup registry-1.docker.io on 10.0.0.10:53: no such host`);
      const failure = findBuildFailure(log, { dockerfileText: API_DOCKERFILE });
      assert.equal(failure?.line, undefined);
      assert.equal(failure?.instruction, undefined);
      assert.match(failure?.message ?? '', /^failed to solve: node:20-alpine: failed to resolve source metadata .* no such host$/);
    });

    it('gives a base image that cannot be pulled a message and no line', () => {
      const log = lines(`#3 [build 1/6] FROM docker.io/library/node:20-alpinee
#3 ERROR: docker.io/library/node:20-alpinee: not found
------
 > [build 1/6] FROM docker.io/library/node:20-alpinee:
------
ERROR: failed to solve: docker.io/library/node:20-alpinee: not found`);
      assert.deepEqual(findBuildFailure(log, { dockerfileText: API_DOCKERFILE }), { message: 'failed to solve: docker.io/library/node:20-alpinee: not found' });
    });

    it('reads buildctl\'s lower-case "error: failed to solve"', () => {
      const log = [...BUILDKIT_RUN_FAILURE.slice(0, -1), 'error: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1'];
      assert.equal(findBuildFailure(log)?.line, 5);
    });
  });

  describe('kaniko', () => {
    const KANIKO_RUN_FAILURE = lines(`INFO[0000] Retrieving image manifest node:20-alpine
INFO[0001] Retrieving image node:20-alpine from registry index.docker.io
INFO[0002] Built cross stage deps: map[0:[/src/dist]]
INFO[0002] Executing 0 build triggers
INFO[0002] Building stage 'node:20-alpine' [idx: '0', base-idx: '-1']
INFO[0002] WORKDIR /src
INFO[0002] Cmd: workdir
INFO[0002] Changed working directory to /src
INFO[0002] COPY package.json ./
INFO[0003] RUN npm ci
INFO[0003] Cmd: /bin/sh
INFO[0003] Args: [-c npm ci]
INFO[0003] Running: [/bin/sh -c npm ci]
npm ERR! code ERESOLVE
error building image: error building stage: failed to execute command: waiting for process to exit: exit status 1`);

    it('names the last instruction it ran, and finds its line in the Dockerfile text', () => {
      assert.deepEqual(findBuildFailure(KANIKO_RUN_FAILURE, { dockerfileText: API_DOCKERFILE }), {
        instruction: 'RUN npm ci',
        line: 5,
        message: 'error building image: error building stage: failed to execute command: waiting for process to exit: exit status 1',
      });
    });

    it('without the Dockerfile text, names the instruction but no line', () => {
      const failure = findBuildFailure(KANIKO_RUN_FAILURE);
      assert.equal(failure?.instruction, 'RUN npm ci');
      assert.equal(failure?.line, undefined);
    });

    it('picks the occurrence that failed when an instruction comes twice (WORKDIR in two stages)', () => {
      const text = 'FROM node:20 AS build\nWORKDIR /app\nRUN true\nFROM node:20\nWORKDIR /app\n';
      const log = lines(`INFO[0001] WORKDIR /app
INFO[0001] RUN true
INFO[0002] Building stage 'node:20' [idx: '1', base-idx: '-1']
INFO[0002] WORKDIR /app
ERRO[0002] error building image: error building stage: failed to execute command: mkdir /app: permission denied`);
      const failure = findBuildFailure(log, { dockerfileText: text });
      assert.equal(failure?.line, 5);
      assert.equal(failure?.message, 'error building image: error building stage: failed to execute command: mkdir /app: permission denied');
    });

    it('finds an instruction written over continuation lines', () => {
      const log = lines(`INFO[0004] RUN apk add --no-cache curl tini
Error: error building image: error building stage: failed to execute command: waiting for process to exit: exit status 1`);
      assert.equal(findBuildFailure(log, { dockerfileText: API_DOCKERFILE })?.line, 12);
    });

    it('gives a base image that cannot be pulled a message and no line', () => {
      const log = lines(`INFO[0000] Retrieving image manifest node:20-alpinee
INFO[0000] Retrieving image node:20-alpinee from registry index.docker.io
error building image: GET https://index.docker.io/v2/library/node/manifests/20-alpinee: MANIFEST_UNKNOWN: manifest unknown; unknown tag=20-alpinee`);
      assert.deepEqual(findBuildFailure(log, { dockerfileText: API_DOCKERFILE }), {
        message: 'error building image: GET https://index.docker.io/v2/library/node/manifests/20-alpinee: MANIFEST_UNKNOWN: manifest unknown; unknown tag=20-alpinee',
      });
    });
  });

  describe('failures that name no line', () => {
    it('gives an OOM kill of the builder its message', () => {
      const log = lines(`INFO[0003] RUN npm run build
INFO[0003] Running: [/bin/sh -c npm run build]
Build container OOMKilled: the builder used more memory than its plan allows`);
      assert.deepEqual(findBuildFailure(log, { dockerfileText: API_DOCKERFILE }), { message: 'Build container OOMKilled: the builder used more memory than its plan allows' });
    });

    it('gives a BuildKit daemon that went away its message', () => {
      const log = lines(`#6 [build 4/6] RUN npm ci
#6 11.52 added 812 packages in 11s
ERROR: failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF`);
      assert.deepEqual(findBuildFailure(log), { message: 'failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF' });
    });

    it('says a failed build\'s log ended without an error, quoting its last line', () => {
      const log = lines(`#6 [build 4/6] RUN npm ci
#6 3.1 npm WARN deprecated inflight@1.0.6
`);
      assert.deepEqual(findBuildFailure(log, { failed: true, dockerfileText: API_DOCKERFILE }), {
        message: 'The build log ends without an error; its last line is: #6 3.1 npm WARN deprecated inflight@1.0.6',
      });
      assert.deepEqual(findBuildFailure([], { failed: true }), { message: 'The build failed and wrote no log.' });
    });

    it('finds nothing in a successful build\'s log', () => {
      const log = lines(`#7 exporting to image
#7 pushing registry.northflank.com/shop/api:abc123 done
Image successfully built`);
      assert.equal(findBuildFailure(log), undefined);
    });

    it('does not take compiler output inside a step for the failure', () => {
      const log = lines(`#6 [build 6/6] RUN npm run build
#6 2.104 error TS2304: Cannot find name 'foo'.`);
      assert.equal(findBuildFailure(log), undefined);
    });
  });
});

describe('cleanLogLine', () => {
  it('removes colour escapes, hyperlinks, the runtime framing and a timestamp in brackets', () => {
    assert.equal(cleanLogLine('[2025-05-05 16:01:40,120] stdout F \u001b[1;31mERROR:\u001b[0m \u001b]8;;https://x\u0007link\u001b]8;;\u0007 failed\r'), 'ERROR: link failed');
  });
});
