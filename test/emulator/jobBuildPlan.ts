import type { BuildPlanner } from './buildRoutes';
import { branchHeadSha } from './builds';
import { ApiError } from './http';
import { describe } from './pagination';
import { buildRecipe } from './recipe';
import type { SeedJob } from './seed';
import { validateStartJobBuild } from './validation';

/** A job build: the head of the job's branch, or the sha the body names. */
export const planJobBuild: BuildPlanner = (context) => {
  const job = context.job as SeedJob;
  const validated = validateStartJobBuild(context.body, job);
  if (Object.keys(validated.issues).length > 0) {
    throw new ApiError(400, `Invalid build request: ${describe(validated.issues)}`, validated.issues);
  }
  const branch = job.linkedBranch ?? 'main';
  const sha = (validated.fields.sha as string | undefined) ?? branchHeadSha(job, branch);
  return {
    projectId: job.projectId,
    parent: { kind: 'job', id: job.id },
    body: context.body ?? {},
    branch,
    sha,
    ...buildRecipe(job, validated.fields.overrides),
  };
};
