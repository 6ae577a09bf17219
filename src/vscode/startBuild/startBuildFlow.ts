import vscode = require('vscode');
import { isAbsolute, relative, sep } from 'node:path';
import { locateChosenDockerfile } from '../../dockerfile/dockerfileLocation';
import { validateBuildRequest, type FieldError } from '../../build/buildRequest';
import type { TargetQuestion } from '../../dockerfile/targetChoices';
import type { Build, BuildableKind, BuildSettings } from '../../northflank/types';
import { askForBuildArguments } from '../configuration';
import { runSteps, type Step } from '../flowSteps';
import { BACK, type Prompter } from '../prompter';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import type { BuildableLink } from '../links/buildableLink';
import { ensureToken } from '../auth/ensureToken';
import { locateRepository, readLocatedRepository, workspaceTrustedForGit } from './resolveRepository';
import { chooseBuildable, mayAskBuildable, rememberBuilt } from './chooseBuildable';
import { chooseSource, sourceFields, sourceName, type BuildSource } from './chooseSource';
import { confirmRepositoryState } from './confirmRepositoryState';
import { compareEarly, compareWithBuiltOrEarly, refuseMissing, rememberBuiltDockerfile, warnUncommitted, type BuiltComparison, type EarlyComparison } from './committedDockerfile';
import type { CommittedFileState } from '../../git/committedFile';
import { dockerfileIndex } from './dockerfileIndex';
import { asksDockerfile, LIKE_LAST_TIME, listDockerfiles, pickDockerfile, type ListedDockerfile } from './pickDockerfile';
import { asksWorkDir, pickWorkDir } from './pickWorkDir';
import { pickTarget, targetQuestion } from './pickTarget';
import { chooseBuildArguments } from './buildArguments';
import { differsFromDefaults } from '../../build/lastBuildChoices';
import { lastBuild, rememberLastBuild } from './lastBuild';
import { sendBuild } from './sendBuild';
import { buildableSettings, cachedSettings, rereadSettings, type KnownBuildable } from './buildableSettings';
import { NO_TARGET, type StartBuildEntry } from './startBuildEntry';


interface DockerChoice {
  dockerFilePath?: string;
  dockerWorkDir?: string;
  dockerfileTarget?: string;
  buildArguments?: Record<string, string>;
}

/** What the steps have settled so far; Back unsettles the later ones by running them again. */
interface Draft {
  link?: BuildableLink;
  details?: BuildSettings;
  /** The settings came from the catalog, so they are read again after the build. */
  cached?: boolean;
  kind?: BuildableKind;
  source?: BuildSource;
  listed?: ListedDockerfile[];
  /** The Dockerfile to build, or last time's choices. */
  dockerfile?: { uri: vscode.Uri; dockerFilePath: string } | typeof LIKE_LAST_TIME;
  target?: TargetQuestion;
  /** How the Dockerfile compares with what is built. */
  committed?: CommittedFileState | 'unknown';
  docker: DockerChoice;
}

/**
 * Start Build, top to bottom: workspace trust, token, repository, which service or job, what to build,
 * Dockerfile, build context, target, arguments, validate, send. A buildpack build skips the Dockerfile
 * questions. Each question says where it is ("Start Build (2/4): target stage"), every one after the
 * first has Back, and cancelling any sends nothing.
 */
export async function startBuildFlow(deps: Deps, entry: StartBuildEntry = {}): Promise<Build | undefined> {
  if (!workspaceTrustedForGit() || !(await ensureToken(deps))) return undefined;
  const dockerfileFromMenu = entry.dockerfile;
  const located = await locateRepository(deps.prompter, dockerfileFromMenu);
  if (!located) return undefined;
  const { folder } = located;
  const api = deps.connection.api();

  // git and the Dockerfile search do not depend on what is built: they run while the link is chosen.
  // With one link (or one clicked in the view) its details are read beside them too. The Dockerfile
  // Enter would build is compared with HEAD beside the head read, not after it, when the folder is the
  // repository's top and what the comparison needs is known without waiting.
  const folderLinks = deps.links.forFolder(folder);
  const known = entry.link ? deps.links.find(entry.link)?.link : folderLinks.length === 1 && !dockerfileFromMenu ? folderLinks[0] : undefined;
  const memory = deps.context.workspaceState;
  const early = known && !dockerfileFromMenu && located.start === folder.uri.fsPath ? compareExpectedEarly(deps, folder, known) : undefined;
  const reading = readLocatedRepository(located, memory);
  const earlyRead = known ? settled(buildableSettings(deps, known)) : undefined;
  const searching = dockerfileFromMenu ? undefined : settled(dockerfileIndex(deps.context).list(folder));
  const resolved = await reading;
  if (!resolved) return undefined;
  const { repository, changes } = resolved;
  const menuLocation = dockerfileFromMenu ? await locateChosenDockerfile(repository.root, dockerfileFromMenu.fsPath) : undefined;
  if (menuLocation && !menuLocation.ok) {
    void deps.prompter.notify('error', vscode.l10n.t('Northflank: {0} Nothing was sent.', menuLocation.message));
    return undefined;
  }

  const draft: Draft = { docker: {} };
  const chosenTarget = dockerfileFromMenu ? entry.target : undefined;
  const dockerfileBuild = () => draft.details?.buildMethod !== 'buildpack';
  const likeLastTime = () => draft.dockerfile === LIKE_LAST_TIME;
  /** The service's own Dockerfile settings; a link's Dockerfile from the settings only ranks the pick. */
  const serviceDockerfile = () => draft.details?.dockerfile ?? {};
  const listed = async () => {
    if (!searching) return [];
    draft.listed ??= await listDockerfiles(searching, repository.root, draft.link?.dockerFilePath ?? serviceDockerfile().path);
    return draft.listed;
  };

  /** Last time's choices, when offering them again is a real choice: several Dockerfiles, or more than the defaults. */
  const repeatable = async () => {
    const last = draft.link && lastBuild(deps.context.workspaceState, draft.link);
    return last && ((await listed()).length > 1 || differsFromDefaults(last, serviceDockerfile())) ? last : undefined;
  };

  const steps: Step[] = [
    {
      mayAsk: () => !known && (dockerfileFromMenu !== undefined || mayAskBuildable(deps, folder)),
      run: async (place) => {
        const chosen = known ? { value: known, asked: false } : await chooseBuildable(deps, place, folder, menuLocation?.dockerFilePath);
        if (chosen === undefined || chosen === BACK) return chosen;
        const link = chosen.value;
        const read: KnownBuildable = await (link === known && earlyRead ? earlyRead : buildableSettings(deps, link));
        const { kind, settings: details, cached } = read;
        if (!kind) {
          void deps.prompter.notify('error', vscode.l10n.t('Northflank: {0} is a {1} service, which runs an image and has no builds. Link a combined or build service, or a job.', link.name, read.serviceType ?? '?'));
          return undefined;
        }
        if (draft.link !== link) draft.listed = undefined;
        Object.assign(draft, { link, details, kind, cached });
        return chosen.asked ? 'asked' : 'skipped';
      },
    },
    {
      // What is not known yet is not counted: the count grows rather than promise questions that never come.
      mayAsk: () => (draft.kind ?? (draft.link ?? known)?.kind) === 'build',
      run: async (place) => {
        const { link, kind } = draft as Required<Draft>;
        const source = await chooseSource(deps.prompter, place, api, link, kind, repository);
        if (source === undefined || source === BACK) return source;
        if (!(await confirmRepositoryState(deps.prompter, repository, source.value))) return undefined;
        draft.source = source.value;
        if (menuLocation?.ok) expectCommitted(menuLocation.dockerFilePath);
        return source.asked ? 'asked' : 'skipped';
      },
    },
    {
      mayAsk: async () => !dockerfileFromMenu && draft.details !== undefined && dockerfileBuild() && asksDockerfile(await listed(), await repeatable()),
      run: async (place) => {
        draft.dockerfile = undefined;
        if (!dockerfileBuild()) return 'skipped';
        if (dockerfileFromMenu && menuLocation?.ok) {
          draft.dockerfile = { uri: dockerfileFromMenu, dockerFilePath: menuLocation.dockerFilePath };
        } else {
          const link = draft.link as BuildableLink;
          const last = await repeatable();
          const listedNow = await listed();
          expectCommitted(last?.dockerFilePath && listedNow.some((entry) => entry.apiPath === last.dockerFilePath) ? last.dockerFilePath : listedNow.find((entry) => !entry.problem)?.apiPath);
          const picked = await pickDockerfile(deps.prompter, place, folder, await listed(), link.dockerFilePath ?? serviceDockerfile().path, last);
          if (picked === undefined || picked === BACK) return picked;
          if (picked.value === LIKE_LAST_TIME) {
            draft.dockerfile = LIKE_LAST_TIME;
            draft.docker = { ...last };
            return (await checkCommitted(last?.dockerFilePath)) ? 'asked' : undefined;
          }
          const location = await locateChosenDockerfile(repository.root, picked.value.fsPath);
          if (!location.ok) {
            void deps.prompter.notify('error', vscode.l10n.t('Northflank: {0} Nothing was sent.', location.message));
            return undefined;
          }
          draft.dockerfile = { uri: picked.value, dockerFilePath: location.dockerFilePath };
          if (!picked.asked) return afterDockerfile('skipped');
          return afterDockerfile('asked');
        }
        return afterDockerfile('skipped');
      },
    },
    {
      mayAsk: () => {
        if (!draft.details || !dockerfileBuild() || likeLastTime()) return false;
        // Before the Dockerfile is chosen, the one Enter would choose stands for it.
        const dockerFilePath = typeof draft.dockerfile === 'object' ? draft.dockerfile.dockerFilePath : draft.listed?.find((entry) => !entry.problem)?.apiPath;
        return dockerFilePath === undefined || asksWorkDir(dockerFilePath, serviceDockerfile());
      },
      run: async (place) => {
        if (!dockerfileBuild() || likeLastTime() || typeof draft.dockerfile !== 'object') return 'skipped';
        const workDir = await pickWorkDir(deps.prompter, place, draft.dockerfile.dockerFilePath, serviceDockerfile());
        if (workDir === undefined || workDir === BACK) return workDir;
        draft.docker.dockerWorkDir = workDir.value;
        return workDir.asked ? 'asked' : 'skipped';
      },
    },
    {
      mayAsk: () => draft.details !== undefined && dockerfileBuild() && !likeLastTime() && draft.target?.kind !== 'only' && chosenTarget === undefined,
      run: async (place) => {
        if (!dockerfileBuild() || likeLastTime() || !draft.target) return 'skipped';
        if (chosenTarget !== undefined) {
          draft.docker.dockerfileTarget = chosenTarget === NO_TARGET ? undefined : chosenTarget;
          return 'skipped';
        }
        const target = await pickTarget(deps.prompter, place, draft.target);
        if (target === undefined || target === BACK) return target;
        draft.docker.dockerfileTarget = target.value.target;
        return target.asked ? 'asked' : 'skipped';
      },
    },
    {
      mayAsk: () => !likeLastTime() && askForBuildArguments(folder.uri),
      run: async (place) => {
        if (likeLastTime()) return 'skipped';
        const buildArguments = await chooseBuildArguments(deps.prompter, place, folder.uri);
        if (buildArguments === undefined || buildArguments === BACK) return buildArguments;
        draft.docker.buildArguments = buildArguments.value;
        return buildArguments.asked ? 'asked' : 'skipped';
      },
    },
  ];

  /** Once the Dockerfile is known: its stages, read now so that the count of questions is right. */
  async function afterDockerfile(outcome: 'asked' | 'skipped'): Promise<'asked' | 'skipped' | undefined> {
    if (typeof draft.dockerfile !== 'object') return outcome;
    if (!(await checkCommitted(draft.dockerfile.dockerFilePath))) return undefined;
    draft.docker = { dockerFilePath: draft.dockerfile.dockerFilePath };
    draft.target = await targetQuestion(draft.dockerfile.uri.fsPath, draft.dockerfile.dockerFilePath, serviceDockerfile().target);
    if (draft.target.kind === 'only' && draft.target.warning) void deps.prompter.notify('warning', vscode.l10n.t('Northflank: {0}', draft.target.warning));
    return outcome;
  }

  /** Each Dockerfile's comparison with what is built, started at most once for a source (see `expectCommitted`). */
  const comparisons = new Map<string, Promise<BuiltComparison>>();
  function comparison(source: BuildSource, dockerFilePath: string): Promise<BuiltComparison> {
    const key = JSON.stringify([sourceFields(source), dockerFilePath]);
    let comparing = comparisons.get(key);
    if (!comparing) comparisons.set(key, (comparing = compareWithBuiltOrEarly(repository, source, dockerFilePath, early, memory)));
    return comparing;
  }

  /** Starts the comparison for the Dockerfile Enter would choose while the question is shown, so the answer is ready. */
  function expectCommitted(dockerFilePath: string | undefined): void {
    if (dockerFilePath && draft.source) void comparison(draft.source, dockerFilePath);
  }

  /** Refuses a Dockerfile missing from what is built; remembers whether it differs. */
  async function checkCommitted(dockerFilePath: string | undefined): Promise<boolean> {
    draft.committed = dockerFilePath && draft.source ? refuseMissing(deps.prompter, dockerFilePath, await comparison(draft.source, dockerFilePath)) : 'unknown';
    return draft.committed !== undefined;
  }

  if (!(await runSteps(vscode.l10n.t('Start Build'), steps))) return undefined;
  const { link, details, kind, source } = draft as Required<Draft>;
  const validation = validateBuildRequest({ ...sourceFields(source), ...draft.docker }, { kind, buildMethod: details.buildMethod });
  if (!validation.ok) {
    showInvalid(deps.prompter, validation.errors);
    return undefined;
  }
  const label = source.kind === 'commit' ? `${sourceName(source) ?? 'HEAD'}@${repository.sha.slice(0, 7)}` : (sourceName(source) ?? '');
  const reread = () => rereadSettings(deps, link, details);
  const build = await sendBuild(deps, link, validation.body, label, draft.cached ? reread : undefined);
  if (build) {
    // Read again in the background: the next build uses what Northflank says now.
    if (draft.cached) void reread();
    void rememberLastBuild(deps.context.workspaceState, link, validation.body);
    rememberBuiltDockerfile(repository, source, draft.docker.dockerFilePath, memory);
    void rememberBuilt(deps, folder, link);
    // The request did not wait for the count of uncommitted changes; only this warning does.
    await warnUncommitted(deps.prompter, repository, changes, source, draft.docker.dockerFilePath, draft.committed);
  }
  return build;
}

/**
 * The early comparison (see `compareEarly`) of the Dockerfile a build of `link` would most likely
 * choose with Enter: last time's when it is listed, else the service's own, else the first by path.
 * Only from what is known at once (the catalog's settings, the index's list), so that its git process
 * starts beside the head read; undefined otherwise, or when no Dockerfile would be built.
 */
function compareExpectedEarly(deps: Deps, folder: vscode.WorkspaceFolder, link: BuildableLink): EarlyComparison | undefined {
  const known = cachedSettings(deps, link);
  const files = dockerfileIndex(deps.context).known(folder);
  if (!known || !files || (known.kind !== 'combined' && known.kind !== 'job') || known.settings.buildMethod === 'buildpack') return undefined;
  const root = folder.uri.fsPath;
  const paths = files.map((uri) => relative(root, uri.fsPath)).filter((path) => path && !path.startsWith('..') && !isAbsolute(path)).map((path) => `/${path.split(sep).join('/')}`);
  const preferred = [lastBuild(deps.context.workspaceState, link)?.dockerFilePath, link.dockerFilePath ?? known.settings.dockerfile?.path];
  const expected = preferred.find((path) => path !== undefined && paths.includes(path)) ?? paths.sort((a, b) => a.localeCompare(b))[0];
  return expected === undefined ? undefined : compareEarly(root, expected, deps.context.workspaceState);
}

/** Started early and maybe never awaited (the flow can stop first): its failure must not go unhandled. */
function settled<T>(work: Thenable<T>): Promise<T> {
  const promise = Promise.resolve(work);
  promise.catch(() => undefined);
  return promise;
}

export function showInvalid(prompter: Prompter, errors: FieldError[]): void {
  void prompter.notify('error', vscode.l10n.t('Northflank: the build request is not valid, so nothing was sent. {0}', errors.map((e) => e.message).join(' ')));
}

/** Runs a flow, turning anything it throws into a message instead of a stack trace. */
export async function guarded<T>(prompter: Prompter, flow: () => Promise<T>): Promise<T | undefined> {
  try {
    return await flow();
  } catch (error) {
    await showError(prompter, error);
    return undefined;
  }
}
