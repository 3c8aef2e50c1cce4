import { describe, expect, it } from 'vitest';
import { generateMatadaValidator } from './ajvPlugin';

describe('the build-time MATADA validator', () => {
  it('is plain ESM code that compiles nothing at run time', () => {
    const code = generateMatadaValidator(process.cwd());
    expect(code).toContain('export const validate');
    expect(code).not.toMatch(/new Function|\beval\(|\brequire\(/);
    expect(code).toContain('lukhas://schemas/matada_node_v1.json');
  });
});
