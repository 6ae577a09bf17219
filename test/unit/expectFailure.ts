import * as assert from 'node:assert/strict';
import { NorthflankError, type NorthflankErrorKind } from '../../src/northflank/errors';

/** Awaits a rejection and hands back the NorthflankError, failing on anything else. */
export async function failure(promise: Promise<unknown>, kind: NorthflankErrorKind): Promise<NorthflankError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof NorthflankError, `expected a NorthflankError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a '${kind}' error, but the operation succeeded`);
}
