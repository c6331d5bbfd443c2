// What `npm pack` would publish: the built library, its types and the package's documents, nothing else.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  license?: string; repository?: { url?: string }; keywords?: string[]; engines?: { node?: string };
  types?: string; main?: string; dependencies?: Record<string, string>;
};

interface PackedFile { path: string }
function packedFiles(): string[] {
  assert.ok(existsSync(join(root, 'dist', 'index.js')), 'dist/ is missing: run `npm run build` (scripts/setup does) first');
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
  const [report] = JSON.parse(out) as { files: PackedFile[] }[];
  return report.files.map((f) => f.path);
}

/** The lowest major.minor a `>=X[.Y]` range admits (the only form our dependencies use). */
function minimumNode(range: string): [number, number] {
  const m = /^\s*>=\s*(\d+)(?:\.(\d+))?/.exec(range);
  assert.ok(m, `engines range "${range}" is not of the form >=X.Y`);
  return [Number(m[1]), Number(m[2] ?? 0)];
}

describe('the npm package', () => {
  it('ships dist with its types, README, CHANGELOG and LICENSE, and no tests, fixtures, scripts or notebooks', () => {
    const files = packedFiles();
    for (const must of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']) {
      assert.ok(files.includes(must), `${must} is not in the package`);
    }
    const stray = files.filter((f) => !(f.startsWith('dist/') || ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].includes(f)));
    assert.deepEqual(stray, []);
    const inDist = files.filter((f) => /(^|\/)(test|tests|fixtures|scripts|bench|notebooks)\//.test(f.slice('dist/'.length)));
    assert.deepEqual(inDist, []);
    const js = files.filter((f) => f.endsWith('.js'));
    const missingTypes = js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')));
    assert.deepEqual(missingTypes, [], 'every module has its .d.ts');
  });

  it('declares license, repository, keywords and entry points', () => {
    assert.equal(pkg.license, 'Apache-2.0');
    assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
    assert.ok(pkg.repository?.url, 'repository.url');
    assert.ok((pkg.keywords ?? []).includes('akka') && (pkg.keywords ?? []).includes('pekko'));
    assert.equal(pkg.types, 'dist/index.d.ts');
    assert.equal(pkg.main, 'dist/index.js');
  });

  it('engines.node is at least what every dependency declares', () => {
    const ours = minimumNode(pkg.engines?.node ?? '');
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      const dep = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { engines?: { node?: string } };
      const range = dep.engines?.node;
      if (!range) continue;
      const theirs = minimumNode(range);
      const ok = ours[0] > theirs[0] || (ours[0] === theirs[0] && ours[1] >= theirs[1]);
      assert.ok(ok, `${name} declares node ${range}; package.json engines says ${pkg.engines?.node}`);
    }
  });
});
