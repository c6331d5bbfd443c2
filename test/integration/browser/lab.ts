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

/** The server's view of the kernel of `notebook`'s session: its id, spec name and state, or undefined before there is one. */
export async function sessionKernel(lab: Lab, notebook: string): Promise<{ id: string; name: string; state: string } | undefined> {
  const res = await fetch(`${lab.base}/api/sessions`, { headers: { Authorization: `token ${lab.token}` } });
  const sessions = (await res.json()) as Array<{ path: string; kernel?: { id: string; name: string; execution_state: string } | null }>;
  const kernel = sessions.find((s) => s.path === notebook || s.path.endsWith(`/${notebook}`))?.kernel;
  return kernel ? { id: kernel.id, name: kernel.name, state: kernel.execution_state } : undefined;
}

/** What the notebook's status bar says of its kernel, e.g. "TypeScript | Idle". */
export async function frontEndKernelStatus(page: Page): Promise<string> {
  const text = await page.locator('.jp-StatusBar-TextItem', { hasText: ' | ' }).first().innerText({ timeout: 2_000 }).catch(() => '');
  return text.replace(/\s+/g, ' ').trim() || 'unknown';
}

/**
 * Opens a notebook and waits until its own session's kernel is idle on the server AND the page's
 * status bar says Idle (its kernel connection is up); answers a kernel-selection dialog if one comes
 * up. Any other kernel being idle is not enough: a Run All sent before this notebook's connection is
 * up is dropped or stays queued.
 */
export async function openNotebook(page: Page, lab: Lab, notebook: string, kernelLabel = 'TypeScript'): Promise<void> {
  await page.goto(lab.url(notebook));
  await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout: 60_000 });
  await waitForKernelReady(page, lab, notebook, kernelLabel);
}

async function waitForKernelReady(page: Page, lab: Lab, notebook: string, kernelLabel: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.count() > 0) {
      const select = dialog.locator('select');
      if (await select.count() > 0) await select.first().selectOption({ label: kernelLabel }).catch(() => undefined);
      await dialog.locator('.jp-mod-accept').first().click().catch(() => undefined);
    }
    const server = await sessionKernel(lab, notebook);
    const front = await frontEndKernelStatus(page);
    if (server?.state === 'idle' && /\|\s*Idle$/.test(front)) return;
    if (Date.now() > deadline) {
      throw new Error(`the ${kernelLabel} kernel of ${notebook} did not become ready in ${timeoutMs / 1000} s (server: ${server ? `${server.name} ${server.state}` : 'no kernel'}; `
        + `status bar: ${front}):\n${lab.log().slice(-4000)}`);
    }
    await page.waitForTimeout(250);
  }
}

/** Run → Run All Cells and waits until every code cell has its execution count; returns the prompts. */
export async function runAll(page: Page, lab: Lab, notebook: string, note?: (text: string) => void, timeoutMs = 120_000): Promise<string[]> {
  await startRunAll(page, lab, notebook, note);
  return waitForRunAll(page, lab, timeoutMs);
}

async function clickRunAll(page: Page): Promise<void> {
  await page.locator('.lm-MenuBar-item', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-item:visible', { hasText: /^Run All Cells/ }).first().click();
}

/**
 * Clicks Run → Run All Cells and returns once the kernel has started on the first cell (it is busy, or
 * a cell has its execution count). When nothing starts within `startTimeoutMs` while the kernel sits
 * idle, the requests never reached it (a front-end/kernel connection race seen on loaded CI machines,
 * not a fault of the notebook): the kernel is restarted, the page reloaded and Run All clicked once
 * more, and `note` is told so. A second such stall throws, with the server's log.
 */
export async function startRunAll(page: Page, lab: Lab, notebook: string, note?: (text: string) => void, startTimeoutMs = 45_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await clickRunAll(page);
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      const prompts = await page.locator('.jp-CodeCell .jp-InputPrompt').allInnerTexts();
      const kernel = await sessionKernel(lab, notebook);
      if (kernel?.state === 'busy' || prompts.some((p) => /\[\d+\]/.test(p))) return;
      if (Date.now() > deadline) {
        const what = `Run All of ${notebook} did not start in ${startTimeoutMs / 1000} s (attempt ${attempt}): prompts ${prompts.join(' ')}; `
          + `server: ${kernel ? `${kernel.name} ${kernel.state}` : 'no kernel'}; status bar: ${await frontEndKernelStatus(page)}`;
        if (attempt >= 2 || !kernel) throw new Error(`${what}\nJupyterLab's log (end):\n${lab.log().slice(-4000)}`);
        note?.(`${what}; restarting the kernel and running all again`);
        await fetch(`${lab.base}/api/kernels/${kernel.id}/restart`, { method: 'POST', headers: { Authorization: `token ${lab.token}` } });
        await page.reload();
        await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout: 60_000 });
        await waitForKernelReady(page, lab, notebook, kernel.name === 'deno' ? 'Deno' : 'TypeScript');
        break;
      }
      await page.waitForTimeout(250);
    }
  }
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
    if (Date.now() > deadline) {
      throw new Error(`Run All did not finish in ${timeoutMs / 1000} s; prompts: ${prompts.join(' ')}; kernels: ${(await kernelStates(lab)).join(', ') || 'none'}; `
        + `front end: ${await frontEndKernelStatus(page)}\nJupyterLab's log (end):\n${lab.log().slice(-4000)}`);
    }
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
