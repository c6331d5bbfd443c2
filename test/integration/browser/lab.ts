// A throwaway JupyterLab (from .venv) over a temp copy of notebooks, and Debian's Chromium driven by
// playwright-core, for the real-browser test. Everything lives in one temp dir: root dir, config,
// settings, workspaces, runtime files; nothing of the user's own Jupyter setup is read or written.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO = resolve(import.meta.dirname, '../../..');

export const labDefaults = {
  chromium: '/usr/bin/chromium',
  chromiumArgs: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 1000 },
  startTimeoutMs: 60_000,
};

export interface Lab {
  /** http://127.0.0.1:<port> */
  base: string;
  token: string;
  /** The temp copy of notebooks/ the server shows. */
  root: string;
  /** URL opening `notebook` in JupyterLab, token included. */
  url(notebook: string): string;
  /** The server's output so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

type NotebookJson = { cells: Array<Record<string, unknown>> };

/**
 * Copies `notebooks/<name>.ipynb` into `root` without outputs and execution counts (so a run in the
 * browser is what fills them), optionally editing its cells first.
 */
export function copyNotebook(root: string, name: string, edit?: (nb: NotebookJson) => void): void {
  const nb = JSON.parse(readFileSync(join(REPO, 'notebooks', `${name}.ipynb`), 'utf8')) as NotebookJson;
  for (const cell of nb.cells) {
    if (cell['cell_type'] === 'code') {
      cell['outputs'] = [];
      cell['execution_count'] = null;
    }
  }
  edit?.(nb);
  writeFileSync(join(root, `${name}.ipynb`), JSON.stringify(nb, null, 1));
}

/**
 * Starts JupyterLab on a free 127.0.0.1 port with a random token over a fresh temp root holding
 * `node_modules/journal-lens` → the repo (as scripts/setup links it under notebooks/) and
 * `node_modules/arquero` → the repo's copy.
 *
 * @example
 * const lab = await startLab();
 * copyNotebook(lab.root, 'quickstart');
 * await page.goto(lab.url('quickstart.ipynb'));
 * await lab.stop();
 */
export async function startLab(): Promise<Lab> {
  const home = mkdtempSync(join(tmpdir(), 'lab-it-'));
  const root = join(home, 'notebooks');
  const config = join(home, 'config');
  const settings = join(home, 'settings');
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(REPO, join(root, 'node_modules', 'journal-lens'));
  // In the repo, a notebook's `import 'arquero'` resolves from the repo's node_modules (a parent of
  // notebooks/); the temp root has no such parent, so it gets its own link.
  symlinkSync(join(REPO, 'node_modules', 'arquero'), join(root, 'node_modules', 'arquero'));
  // No "would you like news?" toast over the notebook (it would also try the network).
  mkdirSync(join(config, 'labconfig'), { recursive: true });
  writeFileSync(join(config, 'labconfig', 'page_config.json'),
    JSON.stringify({ disabledExtensions: { '@jupyterlab/apputils-extension:announcements': true } }));
  // Every cell in the DOM, so the test can read all prompts and outputs without scrolling.
  mkdirSync(join(settings, '@jupyterlab', 'notebook-extension'), { recursive: true });
  writeFileSync(join(settings, '@jupyterlab', 'notebook-extension', 'tracker.jupyterlab-settings'),
    JSON.stringify({ windowingMode: 'none' }));

  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PATH: `${join(REPO, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}`,
    JUPYTER_PATH: join(REPO, '.venv', 'share', 'jupyter'),
    JUPYTER_CONFIG_DIR: config,
    JUPYTER_DATA_DIR: join(home, 'data'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    JUPYTERLAB_SETTINGS_DIR: settings,
    JUPYTERLAB_WORKSPACES_DIR: join(home, 'workspaces'),
  };
  let output = '';
  const server: ChildProcess = spawn(join(REPO, '.venv', 'bin', 'jupyter'), [
    'lab', '--no-browser', '--allow-root', '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0', `--ServerApp.root_dir=${root}`, `--IdentityProvider.token=${token}`,
  ], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => { output += chunk.toString('utf8').replaceAll(token, '<token>'); };
  server.stdout!.on('data', collect);
  server.stderr!.on('data', collect);
  const exited = new Promise<void>((ok) => server.once('exit', () => ok()));

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM'); // jupyter shuts its kernels down on SIGTERM
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  };

  const deadline = Date.now() + labDefaults.startTimeoutMs;
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(`JupyterLab exited with ${server.exitCode} before answering:\n${output}`);
    }
    try {
      const res = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`JupyterLab did not answer on ${base} within ${labDefaults.startTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base, token, root,
    // A workspace per notebook, reset on open: otherwise JupyterLab restores the tabs of the previous
    // test and may show another notebook on top of this one.
    url: (notebook) => `${base}/lab/workspaces/${notebook.replace(/[^A-Za-z0-9]/g, '-')}/tree/${encodeURIComponent(notebook)}?reset&token=${token}`,
    log: () => output,
    stop,
  };
}

/** test/artifacts/<name> (git-ignored), the directory created when missing. */
export function artifactPath(name: string): string {
  const dir = join(REPO, 'test', 'artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: labDefaults.chromium, args: labDefaults.chromiumArgs });
}

/** Kernel execution states of the server's kernels (REST). */
export async function kernelStates(lab: Lab): Promise<string[]> {
  const res = await fetch(`${lab.base}/api/kernels`, { headers: { Authorization: `token ${lab.token}` } });
  const kernels = (await res.json()) as Array<{ execution_state: string }>;
  return kernels.map((k) => k.execution_state);
}

/** Opens a notebook, waits for its kernel, and answers a kernel-selection dialog if one comes up. */
export async function openNotebook(page: Page, lab: Lab, notebook: string): Promise<void> {
  await page.goto(lab.url(notebook));
  await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout: 60_000 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.count() > 0) {
      // "Select Kernel": pick TypeScript (tslab) and accept
      const select = dialog.locator('select');
      if (await select.count() > 0) await select.first().selectOption({ label: 'TypeScript' }).catch(() => undefined);
      await dialog.locator('.jp-mod-accept').first().click();
    }
    const states = await kernelStates(lab);
    if (states.includes('idle')) return;
    if (Date.now() > deadline) throw new Error(`the tslab kernel did not start (kernel states: ${states.join(', ') || 'none'}):\n${lab.log()}`);
    await page.waitForTimeout(250);
  }
}

/** Run → Run All Cells through the menu bar, then waits until every code cell has its execution count. */
export async function runAll(page: Page, lab: Lab, timeoutMs = 120_000): Promise<string[]> {
  await startRunAll(page);
  return waitForRunAll(page, lab, timeoutMs);
}

/** Clicks Run → Run All Cells and returns at once. */
export async function startRunAll(page: Page): Promise<void> {
  await page.locator('.lm-MenuBar-item', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-item:visible', { hasText: /^Run All Cells/ }).first().click();
}

/** Waits until every code cell ran (or Run All stopped at a failed cell) and the kernel is idle; returns the prompts. */
export async function waitForRunAll(page: Page, lab: Lab, timeoutMs = 120_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let stableIdle = 0;
  for (;;) {
    const prompts = await page.locator('.jp-CodeCell .jp-InputPrompt').allInnerTexts();
    const running = prompts.some((p) => p.includes('*'));
    const numbered = prompts.filter((p) => /\[\d+\]/.test(p)).length;
    const idle = (await kernelStates(lab)).every((s) => s === 'idle');
    if (!running && numbered === prompts.length && idle) return prompts;
    // a failed cell stops Run All: the cells after it keep an empty prompt
    stableIdle = !running && numbered > 0 && idle ? stableIdle + 1 : 0;
    if (stableIdle >= 8) return prompts;
    if (Date.now() > deadline) throw new Error(`Run All did not finish in ${timeoutMs / 1000} s; prompts: ${prompts.join(' ')}`);
    await page.waitForTimeout(250);
  }
}

/** Texts of stderr / error outputs that report an error. */
export async function errorOutputs(page: Page): Promise<string[]> {
  const texts = await page.locator([
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]',
  ].join(', ')).allInnerTexts();
  return texts.filter((t) => /\bError\b|Error:/.test(t));
}
