import { readRepositoryHead } from '../../../src/git/readRepositoryHead';
import { readWorkingTreeChanges } from '../../../src/git/readWorkingTreeChanges';
import type { RepositoryState, WorkingTreeChanges } from '../../../src/git/repositoryState';

/**
 * Everything a build could want to know about the repository that holds `folder`, its uncommitted
 * changes included: `readRepositoryHead` and `readWorkingTreeChanges` side by side. Start Build runs
 * the two itself, so as not to wait for the second before it sends, so only tests put them together:
 * the cases below hold for both readings at once.
 * Never throws: every outcome is a RepositoryState.
 */
export async function readRepository(folder: string): Promise<RepositoryState> {
  const [head, changes] = await Promise.all([
    readRepositoryHead(folder),
    readWorkingTreeChanges(folder).then(
      (counted): { counted: WorkingTreeChanges } => ({ counted }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (head.kind !== 'repository') return head;
  if ('error' in changes) {
    return { kind: 'gitFailed', folder, message: changes.error instanceof Error ? changes.error.message : String(changes.error) };
  }
  return { ...head, changes: changes.counted };
}
