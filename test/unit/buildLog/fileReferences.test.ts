import * as assert from 'node:assert/strict';
import { fileReferences } from '../../../src/buildLog/fileReferences';

const paths = (line: string) => fileReferences(line).map(({ path, line: at }) => (at === undefined ? path : `${path}:${at}`));

describe('fileReferences', () => {
  it('finds Dockerfile:N, with or without its folder, where it stands on the line', () => {
    const line = '+00:09 Dockerfile:7';
    assert.deepEqual(fileReferences(line), [{ start: 7, end: 19, path: 'Dockerfile', line: 7 }]);
    assert.deepEqual(paths('see services/api/Dockerfile:12.'), ['services/api/Dockerfile:12']);
    assert.deepEqual(paths('Using Dockerfile /services/web/Dockerfile.prod with build context /services/web'), ['services/web/Dockerfile.prod', 'services/web']);
    assert.deepEqual(paths('Dockerfile.prod:3 and web.Dockerfile:4'), ['Dockerfile.prod:3', 'web.Dockerfile:4']);
    assert.deepEqual(paths('Using Dockerfile /Dockerfile with build context /'), ['Dockerfile']);
  });

  it('finds paths with a folder, and file names with a line', () => {
    assert.deepEqual(paths('at ./src/index.ts:4:10 (compiled) and lib/util.js'), ['src/index.ts:4', 'lib/util.js']);
    assert.deepEqual(paths('index.ts:7 error TS2304'), ['index.ts:7']);
  });

  it('passes over words, a Dockerfile named in prose, numbers, timestamps, URLs and image tags', () => {
    assert.deepEqual(paths('#1 [internal] load build definition from Dockerfile'), []);
    assert.deepEqual(paths('2025-05-05T16:00:12.400Z added 212 packages in 3.4s'), []);
    assert.deepEqual(paths('Cloning https://github.com/example-org/shop'), []);
    assert.deepEqual(paths('#2 [internal] load metadata for docker.io/library/node:20-alpine'), []);
    assert.deepEqual(paths('../secrets/key.pem:1 and a/../b'), []);
  });
});
