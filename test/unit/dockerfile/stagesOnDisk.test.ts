import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StagesOnDisk } from '../../../src/dockerfile/stagesOnDisk';

describe('StagesOnDisk: a Dockerfile parsed once until it changes', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nf-stages-'));
    path = join(dir, 'Dockerfile');
    writeFileSync(path, 'FROM node:20 AS build\nFROM node:20-alpine AS runtime\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same parse while the file is unchanged', async () => {
    const stages = new StagesOnDisk();
    const first = await stages.read(path);
    assert.deepEqual(
      first.map((stage) => stage.name),
      ['build', 'runtime'],
    );
    assert.equal(await stages.read(path), first, 'not parsed again');
  });

  it('parses again once the file is written, even within the same second and at the same size', async () => {
    const stages = new StagesOnDisk();
    await stages.read(path);
    writeFileSync(path, 'FROM node:20 AS builds\nFROM node:20-alpine AS runtime\n');
    assert.deepEqual(
      (await stages.read(path)).map((stage) => stage.name),
      ['builds', 'runtime'],
    );
    // Same size, only the time changes: an edit that keeps the length.
    writeFileSync(path, 'FROM node:20 AS bui1ds\nFROM node:20-alpine AS runtime\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(path, later, later);
    assert.deepEqual(
      (await stages.read(path)).map((stage) => stage.name),
      ['bui1ds', 'runtime'],
    );
  });

  it('fails as reading the file would when it is gone', async () => {
    const stages = new StagesOnDisk();
    await stages.read(path);
    rmSync(path);
    await assert.rejects(stages.read(path), /ENOENT/);
  });
});
