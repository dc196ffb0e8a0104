// The French walkthrough in JupyterLab, in headless Chromium. Started by
// scripts/browser-test.sh, which gives BASE_URL, TOKEN, OUT (build/browser) and CHROMIUM and starts
// and stops the server. Prints PASS/FAIL lines and writes "passed failed" to OUT/results.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { CHROMIUM_ARGS, addAndRun, cells, count, kernelStatus, menu, report, sleep } from './jupyterlab.mjs';

const { BASE_URL, TOKEN, OUT } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NOTEBOOK = 'notebooks/01-my-mnist.ipynb';
const RUN_ALL_TIMEOUT = Number(process.env.RUN_ALL_TIMEOUT_S || 180) * 1000;

let currentPage = null;  // for a screenshot when the test stops on an exception
const { check, log, runAll } = report('browser-test');

const hash = (s) => createHash('sha1').update(s).digest('hex').slice(0, 12);

// Waits until every code cell has run once since `since` (its prompt number is greater) and the
// kernel is idle; meanwhile records every distinct picture of the training chart.
async function waitRunAll(page, since, label) {
  const chartSrcs = new Set();
  const start = Date.now();
  let stable = 0;
  for (;;) {
    const cs = await cells(page);
    const training = cs.find((c) => c.source.includes('trainer.run()'));
    if (training && training.imgs[0]) chartSrcs.add(hash(training.imgs[0].src));
    const code = cs.filter((c) => c.code);
    const done = code.length > 0 && code.every((c) => (count(c.prompt) ?? -1) > since)
      && (await kernelStatus(page)) === 'idle';
    stable = done ? stable + 1 : 0;
    if (Date.now() - start > 30000 && code.every((c) => c.prompt === '[ ]:')) {
      throw new Error(`${label}: no cell started in 30 s`);
    }
    if (stable >= 3) break;
    if (Date.now() - start > RUN_ALL_TIMEOUT) {
      throw new Error(`${label}: not done after ${RUN_ALL_TIMEOUT / 1000} s; prompts ${code.map((c) => c.prompt).join(' ')}`);
    }
    await sleep(250);
  }
  const seconds = (Date.now() - start) / 1000;
  log(`${label}: done in ${seconds.toFixed(1)} s`);
  return { chartSrcs, seconds };
}

// The checks of a finished Run All.
async function checkResults(page, label, chartSrcs) {
  const cs = await cells(page);
  const code = cs.filter((c) => c.code);
  const training = cs.find((c) => c.source.includes('trainer.run()'));
  const tableIdx = cs.findIndex((c) => c.tables.length > 0);
  const digitIdx = cs.findIndex((c) => c.source.includes('DigitImage.of'));
  const prediction = cs.find((c) => c.source.includes('prédiction'));

  const stderr = code.flatMap((c) => c.stderr);
  check(`${label}: no cell shows an error`, code.every((c) => c.errors === 0));
  check(`${label}: every code cell ran (${code.length})`, code.every((c) => count(c.prompt) !== null));
  check(`${label}: no cell writes to stderr`, stderr.length === 0, stderr.join(' | ').slice(0, 400));

  if (!check(`${label}: the training cell is in the page`, !!training)) return;
  const epochs = (training.text.match(/Epoch : \d+ /g) || []).length;
  check(`${label}: 50 epoch lines`, epochs === 50, `${epochs}`);
  const last = training.text.trim().split('\n').filter((l) => l.startsWith('Epoch')).pop() || '';
  check(`${label}: the last line is epoch 49 at 27.11 %`, /^Epoch : 49 loss : [\d.]+, acc : 27\.11 %$/.test(last), last);
  check(`${label}: one training chart, an 800x450 image`,
    training.imgs.length === 1 && training.imgs[0].w === 800 && training.imgs[0].h === 450,
    JSON.stringify(training.imgs.map((i) => [i.w, i.h])));
  check(`${label}: the chart was redrawn in place as it trained (${chartSrcs.size} pictures seen)`,
    chartSrcs.size >= 5, `${chartSrcs.size}`);

  const table = tableIdx >= 0 ? cs[tableIdx].tables[0] : null;
  check(`${label}: the per-digit table is an HTML table with 10 body rows`, table && table.bodyRows === 10,
    table ? `${table.bodyRows} rows` : 'no table');
  const digit = digitIdx >= 0 ? cs[digitIdx] : null;
  check(`${label}: the digit picture (224x224) is shown after the table`,
    digit && digitIdx > tableIdx && digit.imgs.length === 1 && digit.imgs[0].w === 224 && digit.imgs[0].h === 224,
    digit ? JSON.stringify(digit.imgs.map((i) => [i.w, i.h])) : 'no digit cell');
  check(`${label}: prints "prédiction : 1 (étiquette : 1)"`,
    prediction && prediction.text.includes('prédiction : 1 (étiquette : 1)'), prediction?.text);
}

async function screenshots(page, prefix) {
  const shots = [
    ['top', null],
    ['training', 'trainer.run()'],
    ['table', 'evaluation.perDigit()'],
    ['digit', 'DigitImage.of'],
    ['prediction', 'prédiction'],
  ];
  for (const [name, needle] of shots) {
    const file = path.join(OUT, `${prefix}-${name}.png`);
    if (!needle) { await page.screenshot({ path: file }); continue; }
    const cell = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell', { hasText: needle }).last();
    await cell.scrollIntoViewIfNeeded();
    await cell.screenshot({ path: file });
  }
  log(`screenshots: build/browser/${prefix}-*.png`);
}


// Runs `source` in a new cell below the selected one; waits for its number and returns its text.
async function runCell(page, source, timeout = 60000) {
  const before = (await cells(page)).length;
  await addAndRun(page, source);
  const start = Date.now();
  for (;;) {
    const cs = await cells(page);
    const cell = cs.find((c) => c.code && c.source === source);
    if (cell && count(cell.prompt) !== null && (await kernelStatus(page)) === 'idle') return cell;
    if (Date.now() - start > timeout) throw new Error(`cell ${JSON.stringify(source)} did not finish (${cs.length - before} new cells)`);
    await sleep(100);
  }
}

// --- Exercises (notebooks/03-exercices.ipynb) ------------------------------------------------------------
// Opens the French exercise notebook, runs it all, then types a wrong learn (without / self.outputN) into
// its solution cell, runs the learn check and sees the hint; then the right learn, and the check passes.
const EXERCISES = 'notebooks/03-exercices.ipynb';
const WRONG_LEARN = [
  'INDArray learn(StudentLayer self, INDArray e_2) {',
  '    INDArray e1 = e_2.mul(self.activation.derivative(self.predictedOutput_));',
  '    INDArray e_0 = e1.mmul(self.weight.transpose());',
  '    self.weight.subi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));',
  '    return e_0;',
  '}'].join('\n');

async function exercisesPart(page) {
  log(`exercises: opening ${EXERCISES}`);
  await page.goto(`${BASE_URL}/lab/tree/${EXERCISES}?reset&token=${TOKEN}`, { timeout: 60000 });
  await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout: 60000 });
  const kStart = Date.now();
  for (;;) {
    const name = await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName').textContent();
    if (/java/i.test(name) && ['idle', 'unknown'].includes(await kernelStatus(page))) break;
    if (Date.now() - kStart > 120000) throw new Error('exercises: the Java kernel did not start');
    await sleep(250);
  }
  await sleep(1000);
  await menu(page, 'Run', 'Run All Cells');
  const run = await waitRunAll(page, 0, 'exercises: Run All');
  let cs = await cells(page);
  const all = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell');
  // Everything a cell's outputs show, the HTML verdicts included.
  const shown = (i) => all.nth(i).locator('.jp-OutputArea').textContent();
  const checkIdxs = cs.map((c, i) => (c.code && c.source.startsWith('check(') ? i : -1)).filter((i) => i >= 0);
  const verdicts = [];
  for (const i of checkIdxs) verdicts.push(await shown(i));
  check(`exercises: Run All, every one of the ${checkIdxs.length} checks green, no error`,
    checkIdxs.length === 8 && verdicts.every((v) => v.includes('✔') && !v.includes('✘'))
      && cs.every((c) => c.errors === 0), verdicts.map((v) => v.slice(0, 80)).join(' | '));
  check('exercises: the seed\'s first line, from the student\'s code',
    cs.some((c) => /Epoch : 0 loss : 0\.1514192334871\d*, acc : 11\.51 %/.test(c.text)));
  const learnIdx = cs.findIndex((c) => c.code && c.source.startsWith('INDArray learn('));
  const checkIdx = cs.findIndex((c) => c.code && c.source.startsWith('check(Check.learn('));
  if (!check('exercises: the learn cell and its check are in the page', learnIdx >= 0 && checkIdx > learnIdx)) return;
  const right = cs[learnIdx].source;

  // Types `source` into the learn cell, runs it, then runs the check; returns the check's cell as read.
  async function learnThenCheck(source) {
    const before = count((await cells(page))[checkIdx].prompt) ?? 0;
    const editor = all.nth(learnIdx).locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(source);
    await page.keyboard.press('Control+Enter');
    await all.nth(checkIdx).locator('.jp-InputArea-prompt').click();
    await page.keyboard.press('Control+Enter');
    const start = Date.now();
    for (;;) {
      const c = (await cells(page))[checkIdx];
      if ((count(c.prompt) ?? 0) > before && (await kernelStatus(page)) === 'idle') return { ...c, text: await shown(checkIdx) };
      if (Date.now() - start > 60000) throw new Error(`exercises: the learn check did not run again (${c.prompt})`);
      await sleep(100);
    }
  }
  log('exercises: a wrong learn (no / self.outputN) typed into its cell');
  const wrong = await learnThenCheck(WRONG_LEARN);
  await all.nth(checkIdx).screenshot({ path: path.join(OUT, 'exercises-wrong-learn.png') });
  check('exercises: the wrong learn fails its check with the hint (/ self.outputN)',
    wrong.text.includes('AssertionError') && wrong.text.includes('✘') && wrong.text.includes('self.outputN'), wrong.text.slice(0, 400));
  log('exercises: the right learn again');
  const fixed = await learnThenCheck(right);
  await all.nth(checkIdx).screenshot({ path: path.join(OUT, 'exercises-right-learn.png') });
  check('exercises: the right learn passes its check', !fixed.text.includes('Error') && fixed.text.includes('✔'),
    fixed.text.slice(0, 400));
  cs = await cells(page);
  check('exercises: the learn cell shows what was typed last', cs[learnIdx].source === right);
  log(`exercises: Run All ${run.seconds.toFixed(1)} s`);
}
// --- end of the exercises part ----------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true });
  // A fresh profile in build/browser (the folder is emptied before each run).
  const browser = await chromium.launchPersistentContext(path.join(OUT, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1800 },
    timeout: 60000,
  });
  try {
    const page = browser.pages()[0] || await browser.newPage();
    currentPage = page;
    page.setDefaultTimeout(30000);
    const consoleErrors = [];
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    if (process.env.BROWSER_PART === 'exercises') { await exercisesPart(page); return; }  // that part alone

    log(`opening ${NOTEBOOK}`);
    await page.goto(`${BASE_URL}/lab/tree/${NOTEBOOK}?reset&token=${TOKEN}`, { timeout: 60000 });
    await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout: 60000 });
    // The kernel (a JVM) starts: wait until the toolbar names it and says idle.
    const kStart = Date.now();
    const kernelName = () => page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName').textContent();
    let idleSince = null;
    for (;;) {
      const ready = /java/i.test(await kernelName()) && ['idle', 'unknown'].includes(await kernelStatus(page));
      idleSince = ready ? (idleSince ?? Date.now()) : null;
      if (idleSince && Date.now() - idleSince > 1000) break;
      if (Date.now() - kStart > 120000) break;
      await sleep(250);
    }
    log(`kernel ${await kernelName()} ${await kernelStatus(page)} after ${((Date.now() - kStart) / 1000).toFixed(1)} s`);
    if (!check('the notebook opens with the Java kernel, idle', idleSince !== null, await kernelName())) return;

    // --- Run All through the menu -------------------------------------------------------------------
    log('Run → Run All Cells');
    await menu(page, 'Run', 'Run All Cells');
    const first = await waitRunAll(page, 0, 'Run All');
    await checkResults(page, 'Run All', first.chartSrcs);
    await screenshots(page, 'run-all');

    // --- The stop button during a longer training ----------------------------------------------------
    const cs = await cells(page);
    const nCells = cs.length;
    const training = cs.find((c) => c.source.includes('trainer.run()')).source;
    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').last().click();
    log('interrupt: a training of 1000 epochs in a new cell');
    const long = training.replace('.epochs(50)', '.epochs(1000)');
    check('interrupt: the training cell has .epochs(50) to replace', long !== training);
    const longCell = await addAndRun(page, long);
    const wStart = Date.now();
    for (;;) {
      const text = await longCell.locator('.jp-OutputArea').textContent();
      if ((text.match(/Epoch : /g) || []).length >= 3) break;
      if (Date.now() - wStart > 120000) throw new Error('interrupt: fewer than 3 epochs after 120 s');
      await sleep(50);
    }
    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar [data-command="notebook:interrupt-kernel"]').click();
    const pressed = Date.now();
    for (;;) {
      const prompt = (await longCell.locator('.jp-InputArea-prompt').textContent()).trim();
      if (count(prompt) !== null) break;
      if (Date.now() - pressed > 30000) break;
      await sleep(25);
    }
    const ended = (Date.now() - pressed) / 1000;
    check(`interrupt: the training cell ends within 2 s of the stop button (${ended.toFixed(2)} s)`, ended < 2, `${ended.toFixed(2)} s`);
    const longText = await longCell.locator('.jp-OutputArea').textContent();
    check('interrupt: the interrupted cell shows no exception', !/Exception|Error/.test(longText), longText.slice(-300));
    await screenshots(page, 'interrupt').catch(() => {});
    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').last().click();
    // Whether it stopped is read from the trainer, never after a sleep: run() is synchronized, so taking
    // the trainer's lock waits for the training thread (it ends its batch after the cell ended); then
    // "<epochs in the history> <stopped()>", twice, to see that no epoch comes after.
    const stoppedCell = (label) => `synchronized (trainer) { }\n"${label} " + trainer.history().size() + " " + trainer.stopped()`;
    const a = await runCell(page, stoppedCell('ended:'));
    const b = await runCell(page, stoppedCell('again:'));
    const stateA = a.text.trim().split('\n').pop().replace(/^ended: /, ''), stateB = b.text.trim().split('\n').pop().replace(/^again: /, '');
    const sizeA = stateA.split(' ')[0];
    check('interrupt: the kernel stays alive (next cells run)', (await kernelStatus(page)) === 'idle');
    check(`interrupt: training stopped, the next cells see the partial history (${stateA}, then ${stateB})`,
      /^\d+ true$/.test(stateA) && Number(sizeA) >= 3 && Number(sizeA) < 1000 && stateA === stateB, `${stateA} then ${stateB}`);
    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell.jp-mod-selected').screenshot({ path: path.join(OUT, 'interrupt-history.png') });

    // Removes the three added cells (Escape, d d on each), so Run All runs the walkthrough only.
    for (let i = 0; i < 3; i++) {
      await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').last().locator('.jp-InputArea-prompt').click();
      await page.keyboard.press('Escape');
      await page.keyboard.press('d');
      await page.keyboard.press('d');
      await sleep(200);
    }
    check('the added cells are removed', (await cells(page)).length === nCells, `${(await cells(page)).length} cells`);

    // --- Restart the kernel from the menu and Run All again --------------------------------------------
    log('Kernel → Restart Kernel and Run All Cells…');
    const lastCount = Math.max(...(await cells(page)).map((c) => count(c.prompt) ?? 0));
    await menu(page, 'Kernel', 'Restart Kernel and Run All Cells');
    await page.locator('.jp-Dialog .jp-mod-accept').click();
    // Every cell still shows its number from the first run: wait until the last one is queued again
    // (or cleared), then for the new numbers, which start again from 1.
    const oldLast = (await cells(page)).filter((c) => c.code).pop().prompt;
    const rStart = Date.now();
    for (;;) {
      const last = (await cells(page)).filter((c) => c.code).pop();
      if (last.prompt !== oldLast) break;
      if (Date.now() - rStart > 60000) throw new Error(`restart: the cells were not queued again (last ${last.prompt})`);
      await sleep(50);
    }
    const second = await waitRunAll(page, 0, 'Restart and Run All');
    const counts = (await cells(page)).filter((c) => c.code).map((c) => count(c.prompt));
    check('restart: the kernel was restarted (numbers from 1 again)',
      counts[0] === 1 && Math.max(...counts) <= lastCount, counts.join(','));
    await checkResults(page, 'Restart and Run All', second.chartSrcs);
    await screenshots(page, 'restart');
    check('no error in the page (JavaScript)', consoleErrors.length === 0, consoleErrors.join(' | ').slice(0, 300));
    log(`Run All ${first.seconds.toFixed(1)} s, Restart and Run All ${second.seconds.toFixed(1)} s`);
    await exercisesPart(page);  // the exercises, their own part above
  } catch (e) {
    if (currentPage) await currentPage.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

await runAll(main, 'browser test', path.join(OUT, 'results'), 'browser part');
