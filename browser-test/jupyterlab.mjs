// What the browser tests share: their PASS/FAIL report, a timed log, and reading and driving
// JupyterLab's page (the open notebook's panel, the kernel's state in the status bar, the menus).
import { writeFileSync } from 'node:fs';

// The open notebook's panel (JupyterLab keeps the other tabs in the page, hidden).
export const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The execution count a cell's prompt shows ("[12]:"), or null before it has run.
export const count = (prompt) => { const m = /^\[(\d+)\]/.exec(prompt); return m ? Number(m[1]) : null; };

// The kernel's state as the status bar shows it ("Java (my-mnist) | Idle"): idle, busy, unknown...
// (JJava sends no status before its first execution: a fresh kernel shows "Unknown" until then.)
export const kernelStatus = (page) => page.evaluate(() => {
  const m = /\| *(Idle|Busy|Unknown|Starting|Restarting|Connecting|Dead|Terminating|Autorestarting|Disconnected)/
    .exec(document.querySelector('#jp-main-statusbar')?.textContent || '');
  return m ? m[1].toLowerCase() : '';
});

// Chromium as the tests start it: headless, and none of its calls to Google's hosts (this machine's
// network is closed, and they fail at every start).
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// One entry per cell of the open notebook: its type, prompt, source, output texts, images, tables.
export async function cells(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    return [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].map((c) => ({
      code: c.classList.contains('jp-CodeCell'),
      prompt: (c.querySelector('.jp-InputArea-prompt')?.textContent || '').trim(),
      source: [...c.querySelectorAll('.cm-content .cm-line')].map((l) => l.textContent).join('\n'),
      text: [...c.querySelectorAll('.jp-OutputArea .jp-RenderedText')]
        .map((o) => o.textContent).join(''),
      stderr: [...c.querySelectorAll('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map((o) => o.textContent),
      errors: c.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]').length,
      imgs: [...c.querySelectorAll('.jp-OutputArea-output img')]
        .map((i) => ({ w: i.naturalWidth, h: i.naturalHeight, src: i.getAttribute('src') || '' })),
      tables: [...c.querySelectorAll('.jp-OutputArea-output table')]
        .map((t) => ({ bodyRows: t.querySelectorAll('tbody tr').length, text: t.textContent })),
    }));
  });
}
// Adds a code cell below the selected one with `source` and runs it (Ctrl+Enter: the selection stays on
// it, no empty cell is added at the end); returns its locator.
export async function addAndRun(page, source) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');
  const index = await page.evaluate(() => [...document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')].findIndex((c) => c.classList.contains('jp-mod-selected')));
  const cell = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').nth(index);
  await cell.locator('.cm-content').click();
  await page.keyboard.insertText(source);
  await page.keyboard.press('Control+Enter');
  return cell;
}

// Clicks a menu of the menu bar, then one of its items.
export async function menu(page, top, item) {
  await page.locator('#jp-MainMenu .lm-MenuBar-itemLabel', { hasText: new RegExp(`^${top}$`) }).click();
  await page.locator('.lm-Menu-content .lm-Menu-itemLabel', { hasText: item }).first().click();
}

// A test's report: check() prints a PASS or FAIL line (each name after `prefix`), log() a line with
// the seconds since the start, finish() writes "passed failed" to `file` and exits 1 on a failure;
// runAll() runs a test's main(), counts an exception as a failed check, then finishes.
export function report(name, prefix = '') {
  let passed = 0, failed = 0;
  const t0 = Date.now();
  const check = (what, ok, detail = '') => {
    if (ok) passed++; else failed++;
    console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${prefix}${what}${!ok && detail ? `  (${detail})` : ''}`);
    return ok;
  };
  const finish = (file, part) => {
    writeFileSync(file, `${passed} ${failed}\n`);
    console.log(`${part}: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  };
  const runAll = async (main, what, file, part) => {
    try {
      await main();
    } catch (e) {
      check(`${what} ran to the end`, false, e.stack || String(e));
    }
    finish(file, part);
  };
  return {
    check,
    log: (m) => console.log(`[${name} ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`),
    finish,
    runAll,
  };
}
