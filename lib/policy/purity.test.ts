import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

// Policy code decides POL-012 questions from its arguments alone: no framework, database,
// environment or clock, so every decision can be replayed and tested with an explicit time.
const POLICY_DIR = import.meta.dirname;

const FORBIDDEN = [
  { label: 'a framework import', pattern: /from\s+['"](next|react|react-dom)(\/[^'"]*)?['"]/ },
  { label: 'a database import', pattern: /from\s+['"]@prisma\/|from\s+['"]@\/lib\/generated\// },
  { label: 'a server import', pattern: /from\s+['"](@\/lib\/server|\.\.\/server)/ },
  { label: 'a Node built-in', pattern: /from\s+['"]node:/ },
  { label: 'the environment', pattern: /process\.env/ },
  { label: 'the clock', pattern: /new Date\(\)|Date\.now\(\)/ },
];

const sources = readdirSync(POLICY_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));

describe('lib/policy purity', () => {
  test('has policy modules to check', () => {
    expect(sources.length).toBeGreaterThan(0);
  });

  test.each(sources)('%s is pure', (file) => {
    const source = readFileSync(path.join(POLICY_DIR, file), 'utf8');
    const found = FORBIDDEN.filter(({ pattern }) => pattern.test(source)).map(({ label }) => label);
    expect(found, `${file} uses ${found.join(', ')}`).toEqual([]);
  });

  test.each(FORBIDDEN)('detects $label', ({ pattern }) => {
    const samples = ["import { x } from 'next/server';", "import { y } from '@prisma/client';", "import { z } from '@/lib/server/db';", "import fs from 'node:fs';", 'const a = process.env.X;', 'const now = new Date();'];
    expect(samples.some((sample) => pattern.test(sample))).toBe(true);
  });
});
