// Copies the non-TypeScript files the compiled service reads at run time into dist/.
import { cpSync } from 'node:fs';

cpSync('src/storage/migrations', 'dist/src/storage/migrations', { recursive: true });
