import * as vscode from 'vscode';
import type { Page, PageOptions } from '../../northflank/types';
import type { Deps } from '../deps';
import { showError } from '../errorPresenter';
import type { ServiceLink } from '../serviceLinks';
import { pickWorkspaceFolder } from '../startBuild/workspaceFolder';

const MAX_PAGES = 5;

export function registerSelectService(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('northflank.selectService', async () => {
    const folder = await pickWorkspaceFolder(deps.prompter, 'Link which folder to a Northflank service?');
    if (!folder) return;
    try {
      await selectService(deps, folder);
    } catch (error) {
      await showError(error);
    }
  });
}

/** Asks for a project, then one of its buildable services, and remembers it for the folder. */
export async function selectService(deps: Deps, folder: vscode.WorkspaceFolder): Promise<ServiceLink | undefined> {
  const api = deps.connection.api();
  const projects = await withProgress('Loading Northflank projects…', () => collect((page) => api.listProjects(page)));
  if (projects.length === 0) {
    void vscode.window.showWarningMessage('Northflank: this token sees no projects. Create one in Northflank, or use a token of the right team.');
    return undefined;
  }
  const projectId = await deps.prompter.pick(
    projects.map((p) => ({ label: p.name, description: p.id, detail: p.description, value: p.id })),
    { title: `Link ${folder.name} to a Northflank service (1/2)`, placeholder: 'Choose a project' },
  );
  if (!projectId) return undefined;

  const services = await withProgress('Loading services…', () => collect((page) => api.listServices(projectId, page)));
  const buildable = services.filter((s) => s.serviceType === 'combined' || s.serviceType === 'build');
  if (buildable.length === 0) {
    void vscode.window.showWarningMessage(`Northflank: project "${projectId}" has no combined or build services. Deployment services can't be built.`);
    return undefined;
  }
  const skipped = services.length - buildable.length;
  const service = await deps.prompter.pick(
    buildable.map((s) => ({
      label: s.name,
      description: `${s.serviceType} service · ${s.id}`,
      detail: s.description,
      value: s,
    })),
    {
      title: `Link ${folder.name} to a Northflank service (2/2)`,
      placeholder: skipped > 0 ? `Choose a service (${skipped} deployment service${skipped === 1 ? '' : 's'} hidden: they can't be built)` : 'Choose a service',
    },
  );
  if (!service) return undefined;
  const link: ServiceLink = {
    projectId,
    serviceId: service.id,
    serviceName: service.name,
    serviceType: service.serviceType as ServiceLink['serviceType'],
  };
  await deps.links.set(folder, link);
  return link;
}

async function collect<T>(load: (page: PageOptions) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await load({ perPage: 100, cursor });
    items.push(...page.items);
    if (!page.hasNextPage || !page.cursor) break;
    cursor = page.cursor;
  }
  return items;
}

function withProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task);
}

