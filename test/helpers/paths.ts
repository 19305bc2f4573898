import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The law collection tests read: LAWS_DIR when set (CI points it at ../shared/laws), else ../shared/laws. */
export const lawsDir = path.resolve(repoRoot, process.env.LAWS_DIR ?? '../shared/laws');

export const seedPlanFile = path.resolve(repoRoot, '../shared/seeds/000_8e337eff88bb68fe.txt');
