import { makeDataCipher } from '../../src/cases/crypto/dataCipher.js';
import { makePersonalSeal } from '../../src/cases/crypto/sealPersonal.js';

/** The tests' key ring: one fixed key, so a test can seal and open what another part of the graph wrote. */
export const testKey = Buffer.alloc(32, 7);
export const testCipher = makeDataCipher([testKey]);
export const testSeal = makePersonalSeal(testCipher);
