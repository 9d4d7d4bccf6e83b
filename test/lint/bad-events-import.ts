// A deliberate boundary violation: the lint test asserts ESLint reports it.
import { readFileSync } from 'node:fs';
import { runDaemon } from '../../daemon/main.js';

export const bad = [readFileSync, runDaemon];
