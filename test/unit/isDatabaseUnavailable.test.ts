import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/storage/index.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED'), true],
    ['admin shutdown 57P01', withCode('57P01', 'terminating connection due to administrator command'), true],
    ['starting up 57P03', withCode('57P03', 'the database system is starting up'), true],
    ['connection exception class 08', withCode('08006'), true],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['terminated socket', new Error('Connection terminated unexpectedly'), true],
    ['refused on every address', new AggregateError([withCode('ECONNREFUSED')]), true],
    ['a Unix socket whose server is gone', Object.assign(withCode('ENOENT', 'connect ENOENT /data/.s.PGSQL.5432'), { syscall: 'connect' }), true],
    ['a missing file is not an outage', Object.assign(withCode('ENOENT', "ENOENT: no such file or directory, open 'x'"), { syscall: 'open' }), false],
    ['a unique violation is a real answer', withCode('23505'), false],
    ['a syntax error is a bug, not an outage', withCode('42601'), false],
    ['not an error at all', 'ECONNREFUSED', false],
  ])('%s', (_name, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
