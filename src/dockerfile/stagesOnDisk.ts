import { readFile, stat } from 'node:fs/promises';
import { parseStages, type DockerfileStage } from './dockerfileStage';

interface Parsed {
  mtimeMs: number;
  size: number;
  stages: DockerfileStage[];
}

/**
 * The stages of Dockerfiles on disk, each parsed once and kept until its modification time or size
 * changes: Start Build asks only a `stat` of a Dockerfile it has seen. Throws as `stat` and `readFile` do.
 */
export class StagesOnDisk {
  private readonly parsed = new Map<string, Parsed>();

  async read(path: string): Promise<DockerfileStage[]> {
    const { mtimeMs, size } = await stat(path);
    const kept = this.parsed.get(path);
    if (kept && kept.mtimeMs === mtimeMs && kept.size === size) return kept.stages;
    const stages = parseStages(await readFile(path, 'utf8'));
    this.parsed.set(path, { mtimeMs, size, stages });
    return stages;
  }
}
