import type { SeedBuildable, SeedJob, SeedService } from './seed';

/** The current docs' patterns, stricter than the CLI's older ones: they also refuse `.` and `..` segments. */
export const DOCKER_FILE_PATH_PATTERN = /^\/((?!\.\.?\/)[a-zA-Z0-9-._]+\/)*(?!\.\.?$)[a-zA-Z0-9-._]+$/;
export const DOCKER_WORK_DIR_PATTERN = /^\/((?!\.\.?\/)[a-zA-Z0-9-._]+\/)*(?!\.\.?$)[a-zA-Z0-9-._]*$/;
export const DOCKERFILE_TARGET_PATTERN = /^[a-zA-Z0-9-_]+$/;
const SECRET_MOUNT_ID_PATTERN = /^[a-zA-Z0-9-_.]+$/;

export type Issues = Record<string, string>;

export interface ValidatedBody {
  kind: 'git' | 'bundle';
  fields: Record<string, unknown>;
  issues: Issues;
}

const GIT_FIELDS = ['sha', 'branch', 'pullRequestId', 'overrides'];
const BUNDLE_FIELDS = ['bundleUrl', 'branch', 'sha', 'overrides'];
const JOB_FIELDS = ['sha', 'overrides'];
/** Service build fields a job build does not take: a job builds its own branch, from git. */
const NOT_FOR_JOBS: Record<string, string> = {
  branch: "is not part of a job build request: a job builds its own branch's head, or the given sha",
  pullRequestId: 'is not part of a job build request: jobs do not build pull requests',
  bundleUrl: 'is not part of a job build request: jobs build from their git repository',
};

/** Checks a start-build body the way the API documents it; `issues` maps each failing field to its problem. */
export function validateStartBuild(body: unknown, service: SeedService): ValidatedBody {
  const issues: Issues = {};
  if (body === undefined) body = {};
  if (!isObject(body)) return { kind: 'git', fields: {}, issues: { body: 'must be a JSON object' } };
  const kind = 'bundleUrl' in body || service.buildSource === 'bundle' ? 'bundle' : 'git';
  const allowed = kind === 'bundle' ? BUNDLE_FIELDS : GIT_FIELDS;
  for (const field of Object.keys(body)) {
    if (!allowed.includes(field)) issues[field] = `is not allowed in a ${kind === 'bundle' ? 'bundle' : 'git'} build request`;
  }
  if (kind === 'bundle') checkBundle(body, issues);
  else checkGit(body, service, issues);
  if (body.overrides !== undefined) checkOverrides(body.overrides, service, issues);
  return { kind, fields: body, issues };
}

/** Checks a start-job-build body: `sha?` and `overrides?`, nothing else. */
export function validateStartJobBuild(body: unknown, job: SeedJob): ValidatedBody {
  const issues: Issues = {};
  if (body === undefined) body = {};
  if (!isObject(body)) return { kind: 'git', fields: {}, issues: { body: 'must be a JSON object' } };
  for (const field of Object.keys(body)) {
    if (!JOB_FIELDS.includes(field)) issues[field] = NOT_FOR_JOBS[field] ?? 'is not allowed in a job build request';
  }
  checkSha(body.sha, issues);
  if (body.overrides !== undefined) checkOverrides(body.overrides, job, issues);
  return { kind: 'git', fields: body, issues };
}

function checkBundle(body: Record<string, unknown>, issues: Issues): void {
  const url = body.bundleUrl;
  if (url === undefined) issues.bundleUrl = 'is required to build from a bundle';
  else if (typeof url !== 'string' || !/^https?:\/\//.test(url) || !URL.canParse(url)) issues.bundleUrl = 'must be an http(s) URL';
  if (body.sha !== undefined && typeof body.sha !== 'string') issues.sha = 'must be a string';
  if (body.branch !== undefined && (typeof body.branch !== 'string' || body.branch === '')) issues.branch = 'must be a non-empty string';
}

function checkSha(sha: unknown, issues: Issues): void {
  if (sha === undefined) return;
  if (typeof sha !== 'string') issues.sha = 'must be a string';
  else if (sha.length !== 40) issues.sha = `must be exactly 40 characters long (got ${sha.length})`;
  else if (!/^[0-9a-fA-F]{40}$/.test(sha)) issues.sha = 'must be a commit sha: 40 hexadecimal digits';
}

function checkGit(body: Record<string, unknown>, service: SeedService, issues: Issues): void {
  checkSha(body.sha, issues);
  if (body.branch !== undefined && (typeof body.branch !== 'string' || body.branch === '')) issues.branch = 'must be a non-empty string';
  const pr = body.pullRequestId;
  if (pr !== undefined && !(typeof pr === 'number' && Number.isInteger(pr) && pr >= 0) && !(typeof pr === 'string' && /^[0-9]+$/.test(pr))) {
    issues.pullRequestId = 'must be an integer or a string of digits';
  }
  const hasBranch = body.branch !== undefined;
  const hasPr = pr !== undefined;
  if (service.serviceType === 'build') {
    if (!hasBranch && !hasPr) {
      issues.branch = 'or pullRequestId is required: a build service needs exactly one of them';
      issues.pullRequestId = 'or branch is required: a build service needs exactly one of them';
    } else if (hasBranch && hasPr) {
      issues.branch = 'cannot be given together with pullRequestId';
      issues.pullRequestId = 'cannot be given together with branch';
    }
  } else {
    if (hasBranch) issues.branch = 'is only supported for build services; a combined service builds its linked branch';
    if (hasPr) issues.pullRequestId = 'is only supported for build services; a combined service builds its linked branch';
  }
}

function checkOverrides(overrides: unknown, parent: SeedBuildable, issues: Issues): void {
  if (!isObject(overrides)) {
    issues.overrides = 'must be an object';
    return;
  }
  for (const field of Object.keys(overrides)) {
    if (!['buildArguments', 'buildFiles', 'dockerSecretMounts', 'docker'].includes(field)) issues[`overrides.${field}`] = 'is not allowed';
  }
  const args = overrides.buildArguments;
  if (args !== undefined) {
    if (!isObject(args)) issues['overrides.buildArguments'] = 'must be an object of strings';
    else {
      for (const [key, value] of Object.entries(args)) {
        if (typeof value !== 'string') issues[`overrides.buildArguments.${key}`] = 'must be a string';
      }
    }
  }
  checkSecretFiles(overrides.buildFiles, 'overrides.buildFiles', (key) => key.startsWith('/'), 'must be an absolute path', issues);
  checkSecretFiles(overrides.dockerSecretMounts, 'overrides.dockerSecretMounts', (key) => SECRET_MOUNT_ID_PATTERN.test(key), 'must be a valid Docker secret mount id', issues);
  // Inferred: the docker overrides name only Dockerfile settings, which a buildpack build does not have.
  if (overrides.docker !== undefined && parent.buildpack) {
    issues['overrides.docker'] = `applies only to Dockerfile builds; ${parent.id} builds with buildpacks`;
  } else if (overrides.docker !== undefined) checkDocker(overrides.docker, issues);
}

function checkSecretFiles(value: unknown, field: string, keyOk: (key: string) => boolean, keyProblem: string, issues: Issues): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    issues[field] = 'must be an object';
    return;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (!keyOk(key)) issues[`${field}.${key}`] = keyProblem;
    else if (!isObject(entry) || typeof entry.data !== 'string') issues[`${field}.${key}`] = 'must be {data: base64 string, encoding?}';
  }
}

function checkDocker(docker: unknown, issues: Issues): void {
  if (!isObject(docker)) {
    issues['overrides.docker'] = 'must be an object';
    return;
  }
  const patterns: Record<string, RegExp> = {
    dockerFilePath: DOCKER_FILE_PATH_PATTERN,
    dockerWorkDir: DOCKER_WORK_DIR_PATTERN,
    dockerfileTarget: DOCKERFILE_TARGET_PATTERN,
  };
  for (const [field, value] of Object.entries(docker)) {
    const name = `overrides.docker.${field}`;
    if (field === 'dockerfileContents') {
      if (typeof value !== 'string' || value.length === 0) issues[name] = 'must be a non-empty string';
    } else if (!(field in patterns)) {
      issues[name] = 'is not allowed';
    } else if (typeof value !== 'string') {
      issues[name] = 'must be a string';
    } else if (!patterns[field].test(value)) {
      issues[name] = `does not match pattern ${patterns[field].source}`;
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
