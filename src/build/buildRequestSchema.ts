import { mixed, object, type TestContext } from 'yup';
import type { BuildMethod } from '../northflank/types';
import { dockerfileTargetProblem, dockerPathProblem } from './dockerOverrideRules';

/** What the schema needs to know besides the request: what is being built, and how. */
export interface BuildRequestContext {
  /** `combined` or `build` for a service (as its `serviceType` says), `job` for a job; anything else can't be built. */
  kind: string;
  /** A buildpack build has no Dockerfile, so the docker overrides do not apply to it. Default: a Dockerfile build. */
  buildMethod?: BuildMethod;
}

type Problem = (value: unknown, context: BuildRequestContext) => string | undefined;

const SHA_LENGTH = 40;
const HEX = /^[0-9a-fA-F]$/;
const DIGITS = /^[0-9]+$/;

/** An empty string is what a blank input box gives; it means "not given". */
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

function field(name: string, problem: Problem) {
  return mixed()
    .transform(blankIsAbsent)
    .test({
      name,
      test(value: unknown, test: TestContext) {
        if (value === undefined || value === null) return true;
        const found = problem(value, test.options.context as BuildRequestContext);
        // A function message, so yup does not interpolate "${…}" found in the user's value.
        return found === undefined || test.createError({ message: () => found });
      },
    });
}

const text =
  (name: string, problem: (value: string) => string | undefined = () => undefined): Problem =>
  (value) =>
    typeof value === 'string' ? problem(value) : `${name} must be text (got ${typeof value}).`;

function shaProblem(sha: string): string | undefined {
  const characters = Array.from(sha);
  if (characters.length !== SHA_LENGTH) {
    return `sha must be ${SHA_LENGTH} hexadecimal characters (got ${characters.length}).`;
  }
  const bad = characters.findIndex((character) => !HEX.test(character));
  if (bad < 0) return undefined;
  return `sha must be ${SHA_LENGTH} hexadecimal characters (got ${JSON.stringify(characters[bad])} at position ${bad + 1}).`;
}

function pullRequestIdProblem(value: unknown): string | undefined {
  const whole =
    (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) ||
    (typeof value === 'string' && DIGITS.test(value) && Number(value) > 0 && Number.isSafeInteger(Number(value)));
  return whole ? undefined : `pullRequestId must be a pull request number such as 12 (got ${JSON.stringify(value)}).`;
}

function buildArgumentsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return 'buildArguments must map names to text values.';
  const problems: string[] = [];
  for (const [name, argument] of Object.entries(value as object)) {
    if (name.trim() === '') problems.push('a build argument has an empty name');
    else if (typeof argument !== 'string') problems.push(`${name} must be text (got ${typeof argument})`);
  }
  return problems.length === 0 ? undefined : `buildArguments: ${problems.join('; ')}.`;
}

function bundleUrlProblem(value: string): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return undefined;
  return `bundleUrl must be an http:// or https:// address of a tar archive (got ${JSON.stringify(value)}).`;
}

interface RequestShape {
  branch?: unknown;
  pullRequestId?: unknown;
  bundleUrl?: unknown;
  dockerFilePath?: unknown;
  dockerWorkDir?: unknown;
  dockerfileTarget?: unknown;
}

const DOCKER_FIELDS = ['dockerFilePath', 'dockerWorkDir', 'dockerfileTarget'] as const;

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The rules that depend on what is built and on more than one field; each error names its field. */
function sourceProblem(request: RequestShape, { kind, buildMethod }: BuildRequestContext): { path: string; message: string } | undefined {
  const branch = given(request.branch);
  const pullRequest = given(request.pullRequestId);
  if (kind === 'deployment') {
    return { path: 'kind', message: 'A deployment service runs an image and has no builds; pick a combined or build service, or a job.' };
  }
  if (kind !== 'combined' && kind !== 'build' && kind !== 'job') {
    return { path: 'kind', message: `Builds can be started only for combined and build services and for jobs (this one is ${JSON.stringify(kind)}).` };
  }
  const docker = DOCKER_FIELDS.find((name) => given(request[name]));
  if (buildMethod === 'buildpack' && docker) {
    return { path: docker, message: `${docker} does not apply: this ${kind === 'job' ? 'job' : 'service'} builds with buildpacks, which use no Dockerfile.` };
  }
  if (kind === 'job') {
    if (given(request.bundleUrl)) return { path: 'bundleUrl', message: 'bundleUrl is only for services; a job builds a commit of its repository.' };
    if (branch) return { path: 'branch', message: 'branch is only for build services; a job builds its linked branch (or the sha you give).' };
    if (pullRequest) return { path: 'pullRequestId', message: 'pullRequestId is only for build services; a job builds its linked branch.' };
    return undefined;
  }
  if (given(request.bundleUrl)) {
    return pullRequest ? { path: 'pullRequestId', message: 'pullRequestId cannot be used with bundleUrl: a bundle build has no pull request.' } : undefined;
  }
  if (kind === 'combined') {
    if (branch) return { path: 'branch', message: 'branch is only for build services; a combined service builds its linked branch (or the sha you give).' };
    if (pullRequest) return { path: 'pullRequestId', message: 'pullRequestId is only for build services; a combined service builds its linked branch.' };
    return undefined;
  }
  if (branch && pullRequest) {
    return { path: 'pullRequestId', message: 'A build service builds a branch or a pull request, not both: give branch or pullRequestId, not both.' };
  }
  if (!branch && !pullRequest) return { path: 'branch', message: 'A build service needs a branch or a pullRequestId to build.' };
  return undefined;
}

/** The one schema for a start-build request; it mirrors the API's rules for POST …/services/{id}/build and …/jobs/{id}/build. */
export const buildRequestSchema = object({
  sha: field('sha', text('sha', shaProblem)),
  branch: field('branch', text('branch')),
  pullRequestId: field('pullRequestId', pullRequestIdProblem),
  dockerFilePath: field('dockerFilePath', text('dockerFilePath', (path) => dockerPathProblem(path, 'dockerFilePath'))),
  dockerWorkDir: field('dockerWorkDir', text('dockerWorkDir', (path) => dockerPathProblem(path, 'dockerWorkDir'))),
  dockerfileTarget: field('dockerfileTarget', text('dockerfileTarget', (target) => dockerfileTargetProblem(target))),
  buildArguments: field('buildArguments', buildArgumentsProblem),
  bundleUrl: field('bundleUrl', text('bundleUrl', bundleUrlProblem)),
}).test({
  name: 'source',
  test(request, test) {
    const found = sourceProblem(request, test.options.context as BuildRequestContext);
    return found === undefined || test.createError({ path: found.path, message: () => found.message });
  },
});
