import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kustomizeCommand } from './kustomize';

describe('finding the real kustomize', () => {
  const roots: string[] = [];
  /** A new directory with an executable at `path` inside it; returns the directory. */
  const withBinary = (path: string): string => {
    const root = mkdtempSync(join(tmpdir(), 'kustomize-'));
    roots.push(root);
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '#!/bin/sh\n');
    chmodSync(join(root, path), 0o755);
    return root;
  };
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('prefers kubectl kustomize when kubectl is on PATH', () => {
    const kubectl = withBinary('kubectl');
    const kustomize = withBinary('kustomize');
    expect(kustomizeCommand({ PATH: `${kustomize}:${kubectl}` })).toEqual([join(kubectl, 'kubectl'), 'kustomize']);
  });

  it('uses the kustomize go install put in GOBIN, GOPATH/bin or ~/go/bin when there is no kubectl', () => {
    const gobin = withBinary('kustomize');
    expect(kustomizeCommand({ PATH: '', GOBIN: gobin })).toEqual([join(gobin, 'kustomize'), 'build']);
    const gopath = withBinary('bin/kustomize');
    expect(kustomizeCommand({ PATH: '', GOPATH: gopath })).toEqual([join(gopath, 'bin', 'kustomize'), 'build']);
    const home = withBinary('go/bin/kustomize');
    expect(kustomizeCommand({ PATH: '', HOME: home })).toEqual([join(home, 'go', 'bin', 'kustomize'), 'build']);
  });

  it('says how to install it when neither is found', () => {
    const empty = withBinary('nothing-here');
    expect(() => kustomizeCommand({ PATH: empty, HOME: empty })).toThrow(/install_kustomize/);
  });
});
