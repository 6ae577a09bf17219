import { ValidationError } from 'yup';
import type { BuildOverrides, BundleBuildBody, GitBuildBody, StartBuildBody } from '../northflank/types';
import { buildRequestSchema, type BuildRequestContext } from './buildRequestSchema';

/**
 * What the user asked to build, in the API's field names but flat: the docker overrides sit beside
 * the commit fields instead of under `overrides.docker`.
 */
export interface BuildRequest {
  sha?: string;
  /** Build services only: the branch to build (exactly one of branch and pullRequestId). */
  branch?: string;
  /** Build services only: the pull request to build; the API takes a number, `"12"` is accepted too. */
  pullRequestId?: number | string;
  dockerFilePath?: string;
  dockerWorkDir?: string;
  dockerfileTarget?: string;
  buildArguments?: Record<string, string>;
  /** Build a tar archive from this http(s) address instead of a commit from git. */
  bundleUrl?: string;
}

export interface FieldError {
  /** The field at fault; `kind` when what is built cannot be built; `request` when the input is not an object at all. */
  field: keyof BuildRequest | 'kind' | 'request';
  message: string;
}

export type BuildRequestValidation = { ok: true; body: StartBuildBody } | { ok: false; errors: FieldError[] };

/** Checks a request against the API's rules and builds the exact body to send; never throws. */
export function validateBuildRequest(input: BuildRequest, context: BuildRequestContext): BuildRequestValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: 'request', message: 'The build request must be an object of fields.' }] };
  }
  let valid: BuildRequest;
  try {
    valid = buildRequestSchema.validateSync(input, { context, abortEarly: false }) as BuildRequest;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const failures = error.inner.length > 0 ? error.inner : [error];
    return { ok: false, errors: failures.map((failure) => ({ field: (failure.path ?? 'request') as FieldError['field'], message: failure.message })) };
  }
  return { ok: true, body: toStartBuildBody(valid) };
}

function toStartBuildBody(request: BuildRequest): StartBuildBody {
  const overrides = withoutEmpty<BuildOverrides>({
    buildArguments: request.buildArguments && Object.keys(request.buildArguments).length > 0 ? { ...request.buildArguments } : undefined,
    docker: withoutEmpty({
      dockerFilePath: request.dockerFilePath,
      dockerWorkDir: request.dockerWorkDir,
      dockerfileTarget: request.dockerfileTarget,
    }),
  });
  if (request.bundleUrl !== undefined) {
    return withoutEmpty<BundleBuildBody>({ bundleUrl: request.bundleUrl, branch: request.branch, sha: request.sha, overrides }) as BundleBuildBody;
  }
  const pullRequestId = request.pullRequestId === undefined ? undefined : Number(request.pullRequestId);
  return withoutEmpty<GitBuildBody>({ sha: request.sha, branch: request.branch, pullRequestId, overrides }) ?? {};
}

/** The object without its undefined keys, or undefined when nothing is left (the API gets no empty overrides). */
function withoutEmpty<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T | undefined {
  const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}
