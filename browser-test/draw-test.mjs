// The drawing pad of notebook 05 in JupyterLab, in headless Chromium. Started by
// scripts/browser-test.sh after browser-test.mjs, on the same server (BASE_URL, TOKEN, OUT, CHROMIUM).
// Run All of 05-dessin.ipynb; the pad's 100-image agreement check; a 1, a 0 and a 7 drawn with mouse
// strokes: the digit shown, the bars summing to 1, the page's 784 values against DigitPreparation's
// for the same raw drawing (1e-6) and its probabilities against model.predict's (1e-5), computed in
// the kernel; the copy button's Java pasted into the notebook's drawn cell and run; Clear; the
// notebook reopened untrusted shows "exécutez cette cellule pour dessiner". Screenshots draw-*.png.
// Prints PASS/FAIL lines and writes "passed failed" to OUT/draw-results.
import { chromium } from 'playwright-core';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_ARGS, PANEL, count, kernelStatus, menu, report, sleep } from './jupyterlab.mjs';

const { BASE_URL, TOKEN, OUT } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// DRAW_NOTEBOOK: another French notebook with the pad's cells (e.g. 02 once the pad is added to it).
const NOTEBOOK = process.env.DRAW_NOTEBOOK || 'notebooks/05-dessin.ipynb';
const UNTRUSTED = NOTEBOOK.replace(/\.ipynb$/, '-untrusted.ipynb');
const RUN_ALL_TIMEOUT = Number(process.env.RUN_ALL_TIMEOUT_S || 180) * 1000;

const { check, log, runAll } = report('draw-test', 'draw: ');

// The strokes, in pad pixels (0..280): a 1, a 0 (an ellipse) and a 7.
const ellipse = [];
for (let k = 0; k <= 40; k++) {
  const a = (2 * Math.PI * k) / 40;
  ellipse.push([140 + 62 * Math.sin(a), 140 - 95 * Math.cos(a)]);
}
const DIGITS = [
  { name: '1', strokes: [[[150, 45], [140, 240]]] },
  { name: '0', strokes: [ellipse] },
  { name: '7', strokes: [[[70, 60], [205, 60], [125, 238]]] },
  // a smaller 7 in the top left corner: the preparation moves it to the centre
  { name: 'small7', read: '7', strokes: [[[18, 18], [100, 18], [52, 128]]] },
];

const cellsOf = (page) => page.evaluate((panel) => [...document.querySelectorAll(`${panel} .jp-Notebook .jp-Cell`)]
  .map((c) => ({
    code: c.classList.contains('jp-CodeCell'),
    prompt: (c.querySelector('.jp-InputArea-prompt')?.textContent || '').trim(),
    source: [...c.querySelectorAll('.cm-content .cm-line')].map((l) => l.textContent).join('\n'),
    text: [...c.querySelectorAll('.jp-OutputArea .jp-RenderedText')].map((o) => o.textContent).join(''),
    errors: c.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]').length,
  })), PANEL);
async function openNotebook(page, file) {
  await page.goto(`${BASE_URL}/lab/tree/${file}?reset&token=${TOKEN}`, { timeout: 60000 });
  await page.locator(`${PANEL} .jp-Notebook .jp-Cell`).first().waitFor({ timeout: 60000 });
}
async function waitKernel(page) {
  const start = Date.now();
  let idleSince = null;
  while (Date.now() - start < 120000) {
    const name = await page.locator(`${PANEL} .jp-KernelName`).textContent();
    const ready = /java/i.test(name) && ['idle', 'unknown'].includes(await kernelStatus(page));
    idleSince = ready ? (idleSince ?? Date.now()) : null;
    if (idleSince && Date.now() - idleSince > 1000) return true;
    await sleep(250);
  }
  return false;
}
// Waits until every code cell has a number greater than `since` and the kernel is idle.
async function waitCells(page, since, label) {
  const start = Date.now();
  let stable = 0;
  for (;;) {
    const code = (await cellsOf(page)).filter((c) => c.code);
    const done = code.length > 0 && code.every((c) => (count(c.prompt) ?? -1) > since)
      && (await kernelStatus(page)) === 'idle';
    stable = done ? stable + 1 : 0;
    if (stable >= 3) return (Date.now() - start) / 1000;
    if (Date.now() - start > RUN_ALL_TIMEOUT) throw new Error(`${label}: not done; prompts ${code.map((c) => c.prompt).join(' ')}`);
    await sleep(250);
  }
}
// Runs the code cell at `index` (Ctrl+Enter) and waits for its new number.
async function runCellAt(page, index, timeout = 60000) {
  const cell = page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(index);
  const before = count((await cellsOf(page))[index].prompt) ?? 0;
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  const start = Date.now();
  for (;;) {
    const c = (await cellsOf(page))[index];
    if ((count(c.prompt) ?? 0) > before && (await kernelStatus(page)) === 'idle') return c;
    if (Date.now() - start > timeout) throw new Error(`cell ${index} did not finish`);
    await sleep(100);
  }
}
// Replaces the source of the code cell at `index` with `source`.
async function setSource(page, index, source) {
  const cell = page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(index);
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(source);
}

// Draws the strokes; returns what the pad showed halfway through the last stroke, the mouse still down.
async function draw(page, strokes) {
  const pad = page.locator(`${PANEL} .mymnist-pad-ui canvas.pad`).first();
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  const at = ([x, y]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280];
  let during = null;
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (let k = 1; k < stroke.length; k++) {
      const length = Math.hypot(stroke[k][0] - stroke[k - 1][0], stroke[k][1] - stroke[k - 1][1]);
      await page.mouse.move(...at(stroke[k]), { steps: Math.max(2, Math.round(length / 15)) });
      if (k === Math.ceil((stroke.length - 1) / 2)) {
        await sleep(150);  // a frame or two: the pad redraws on requestAnimationFrame
        during = await page.evaluate(() => document.querySelector('.mymnist-pad-ui .digit').textContent);
      }
    }
    await page.mouse.up();
  }
  await sleep(100);
  return during;
}
const padState = (page) => page.evaluate(() => {
  const pad = window.mymnistPad;
  return pad && { shown: pad.shown(), digit: pad.digit(), bars: pad.bars(), input: pad.input(),
    probabilities: pad.probabilities(), levels: pad.levels(), width: pad.width, height: pad.height,
    unprepared: pad.unprepared(), unpreparedDigit: pad.unpreparedDigit() };
});
const shotPad = (page, name) => page.locator(`${PANEL} .jp-Cell`, { has: page.locator('.mymnist-pad-ui') })
  .locator('.jp-OutputArea').screenshot({ path: path.join(OUT, name) });

// The kernel cell that prepares each raw drawing with DigitPreparation and reads it with the model:
// one line (the editor adds nothing to it), fully qualified names (no import in a later cell).
const JAVA_CHECK = String.raw`for (String n : new String[] {"1", "0", "7", "small7"}) { String[] t = java.nio.file.Files.readString(java.nio.file.Path.of("draw-raw-" + n + ".txt")).trim().split("\\s+"); int w = Integer.parseInt(t[0]), h = Integer.parseInt(t[1]); int[] lv = new int[w * h]; for (int i = 0; i < lv.length; i++) lv[i] = Integer.parseInt(t[2 + i]); double[] v = org.mymnist.drawing.DigitPreparation.values(org.mymnist.drawing.GrayPicture.ofLevels(w, h, lv)); double[] q = model.predict(v); StringBuilder out = new StringBuilder(); for (double x : v) out.append(x).append(' '); out.append('\n'); for (double x : q) out.append(x).append(' '); out.append('\n'); for (double x : org.mymnist.drawing.DigitPreparation.unprepared(org.mymnist.drawing.GrayPicture.ofLevels(w, h, lv))) out.append(x).append(' '); java.nio.file.Files.writeString(java.nio.file.Path.of("draw-java-" + n + ".txt"), out.toString()); } System.out.println("prepared by the library");`;

async function main() {
  // The walkthrough's kernel (browser-test.mjs) is not needed any more: shut this server's kernels down.
  const api = (p, method = 'GET') => fetch(`${BASE_URL}/api/${p}`, { method, headers: { Authorization: `token ${TOKEN}` } });
  for (const k of await (await api('kernels')).json()) await api(`kernels/${k.id}`, 'DELETE');

  const browser = await chromium.launchPersistentContext(path.join(OUT, 'chromium-profile-draw'), {
    executablePath: CHROMIUM, headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1800 }, timeout: 60000,
  });
  let page = null;
  try {
    page = browser.pages()[0] || await browser.newPage();
    page.setDefaultTimeout(30000);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith(BASE_URL) && !r.url().startsWith('data:')) requests.push(r.url()); });

    log(`opening ${NOTEBOOK}`);
    await openNotebook(page, NOTEBOOK);
    if (!check('the notebook opens with the Java kernel, idle', await waitKernel(page))) return;
    await menu(page, 'Run', 'Run All Cells');
    const seconds = await waitCells(page, 0, 'Run All');
    log(`Run All: done in ${seconds.toFixed(1)} s`);
    const cs = await cellsOf(page);
    check('Run All: no cell shows an error', cs.every((c) => c.errors === 0));

    // --- The pad, as its script built it ----------------------------------------------------------
    const built = await page.evaluate(() => ({
      pad: !!window.mymnistPad, ui: document.querySelectorAll('.mymnist-pad-ui').length,
      fallback: document.querySelectorAll('.mymnist-pad .mymnist-pad-fallback').length,
      check: window.mymnistPad ? window.mymnistPad.agreement() : null,
      checkLine: document.querySelector('.mymnist-pad-ui .check')?.textContent || '',
    }));
    check('the script replaced the "run this cell" line by the pad', built.pad && built.ui === 1 && built.fallback === 0,
      JSON.stringify(built).slice(0, 200));
    const agreement = built.check || { count: 0, same: 0, maxDiff: NaN };
    log(`agreement on ${agreement.count} test images: ${agreement.same}/${agreement.count} digits, `
      + `max probability difference ${agreement.maxDiff}`);
    check(`the page reads 100 test images as the library: ${agreement.same}/100`, agreement.count === 100 && agreement.same === 100);
    check(`the page's probabilities equal the library's to 1e-5 (max ${agreement.maxDiff})`, agreement.maxDiff < 1e-5);
    check('the page says so', /100 (fois sur|times out of) 100/.test(built.checkLine), built.checkLine);
    const empty = await padState(page);
    check('an empty pad shows "?" and no bars', empty.shown === '?' && empty.bars.every((b) => b === 0));
    await shotPad(page, 'draw-pad-empty.png');

    // --- Three digits drawn with the mouse -----------------------------------------------------------
    const pageValues = {};
    for (const d of DIGITS) {
      const during = await draw(page, d.strokes);
      check(`the pad reads the ${d.name} while it is drawn (halfway: ${during})`, /^\d$/.test(during || ''), during);
      const s = await padState(page);
      log(`drew a ${d.name}: the pad shows ${s.shown} (${(100 * Math.max(...s.bars)).toFixed(1)} %); `
        + `without preparation it would read ${s.unpreparedDigit}`);
      const expected = d.read || d.name;
      check(`a ${d.name} drawn with the mouse is read as ${expected}`, s.shown === expected && s.digit === Number(expected), s.shown);
      const sum = s.bars.reduce((a, b) => a + b, 0);
      check(`the ten bars of the ${d.name} sum to 1 (${sum})`, Math.abs(sum - 1) < 1e-9);
      const ink = s.levels.filter((l) => l > 0).length;
      check(`the raw drawing of the ${d.name} has ink (${ink} pixels)`, s.width === 280 && s.levels.length === 280 * 280 && ink > 500);
      writeFileSync(path.join(OUT, 'notebooks', `draw-raw-${d.name}.txt`), `${s.width} ${s.height}\n${s.levels.join(' ')}\n`);
      pageValues[d.name] = s;
      await shotPad(page, `draw-${d.name}.png`);
      if (d !== DIGITS[DIGITS.length - 1]) {
        await page.locator(`${PANEL} .mymnist-pad-ui button.clear`).click();
        const cleared = await padState(page);
        check(`Clear empties the pad after the ${d.name}`, cleared.shown === '?' && cleared.input.every((v) => v === 0)
          && cleared.levels.every((l) => l === 0));
      }
    }

    // --- The same raw drawings prepared by the library, in the kernel ----------------------------------
    const n = (await cellsOf(page)).length;
    await page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(n - 1).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await setSource(page, n, JAVA_CHECK);
    const javaCell = await runCellAt(page, n, 120000);
    check('the kernel prepared the three drawings with DigitPreparation', javaCell.text.includes('prepared by the library')
      && javaCell.errors === 0, javaCell.text.slice(-300));
    for (const d of DIGITS) {
      const file = path.join(OUT, 'notebooks', `draw-java-${d.name}.txt`);
      if (!check(`the library's values for the ${d.name} are there`, existsSync(file))) continue;
      const [values, probabilities, unprepared] = readFileSync(file, 'utf8').trim().split('\n')
        .map((l) => l.trim().split(/\s+/).map(Number));
      const s = pageValues[d.name];
      const dv = Math.max(...values.map((v, i) => Math.abs(v - s.input[i])));
      const dp = Math.max(...probabilities.map((v, i) => Math.abs(v - s.probabilities[i])));
      log(`${d.name}: page vs DigitPreparation, max difference of the 784 values ${dv}; page vs model.predict, ${dp}`);
      check(`the page's 784 values for the ${d.name} equal DigitPreparation's to 1e-6 (max ${dv})`, values.length === 784 && dv <= 1e-6);
      check(`the page's probabilities for the ${d.name} equal model.predict's to 1e-5 (max ${dp.toExponential(1)})`,
        probabilities.length === 10 && dp <= 1e-5);
      const du = Math.max(...unprepared.map((v, i) => Math.abs(v - s.unprepared[i])));
      check(`the page's unprepared 28 x 28 for the ${d.name} equals DigitPreparation.unprepared's (max ${du})`,
        unprepared.length === 784 && du <= 1e-6);
    }
    // the added cell goes again
    await page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(n).locator('.jp-InputArea-prompt').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    await sleep(300);

    // --- The copy button, pasted into the notebook's drawn cell ---------------------------------------
    await page.locator(`${PANEL} .mymnist-pad-ui button.copy`).click();
    await sleep(300);
    const copied = await page.evaluate(() => ({
      text: document.querySelector('.mymnist-pad-ui textarea')?.value || '',
      note: document.querySelector('.mymnist-pad-ui .copied')?.textContent || '',
    }));
    check('the copy button gives a Java statement of 28 rows', /^\/\/ la page a lu : 7\ndouble\[\] drawn = \{\n/.test(copied.text)
      && copied.text.trim().endsWith('};') && copied.text.split('\n').length === 31, copied.text.slice(0, 80));
    check('the copy button says what to do next', copied.note.length > 20, copied.note);
    await shotPad(page, 'draw-copied.png');
    const all = await cellsOf(page);
    const drawnIndex = all.findIndex((c) => c.code && c.source.includes('double[] drawn = {'));
    const predictIndex = all.findIndex((c) => c.code && c.source.includes('model.predict(drawn)'));
    const neuronsIndex = all.findIndex((c) => c.code && c.source.includes('FirstLayerResponse.picture'));
    await setSource(page, drawnIndex, copied.text);
    const pasted = (await cellsOf(page))[drawnIndex].source.replace(/\s+/g, '');
    check('the Java text pasted into the drawn cell', pasted === copied.text.replace(/\s+/g, ''),
      `${pasted.length} vs ${copied.text.replace(/\s+/g, '').length} characters`);
    for (let i = drawnIndex; i <= neuronsIndex; i++) {
      if ((await cellsOf(page))[i].code) await runCellAt(page, i);
    }
    const after = await cellsOf(page);
    check('the pasted drawing runs: Java reads 7', after[predictIndex].text.includes('Java lit : 7') && after.every((c) => c.errors === 0),
      after[predictIndex].text.slice(0, 80));
    const javaShot = page.locator(`${PANEL} .jp-Notebook .jp-Cell`);
    await javaShot.nth(predictIndex).scrollIntoViewIfNeeded();
    await javaShot.nth(predictIndex).screenshot({ path: path.join(OUT, 'draw-java-predict.png') });
    await javaShot.nth(neuronsIndex).screenshot({ path: path.join(OUT, 'draw-java-neurons.png') });
    // --- A finger on a tablet: touch events (Chromium's touch emulation), a 1 -------------------------
    await page.locator(`${PANEL} .mymnist-pad-ui button.clear`).click();
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    const pad = page.locator(`${PANEL} .mymnist-pad-ui canvas.pad`).first();
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + (x * box.width) / 280, y: box.y + (y * box.height) / 280 }] });
    await touch('touchStart', 145, 45);
    for (let k = 1; k <= 16; k++) await touch('touchMove', 145 - (8 * k) / 16, 45 + (190 * k) / 16);
    await touch('touchEnd');
    await sleep(200);
    const touched = await padState(page);
    check(`a 1 drawn with a finger (touch events) is read as 1 (${touched.shown})`, touched.shown === '1', touched.shown);
    await shotPad(page, 'draw-touch.png');
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await page.locator(`${PANEL} .mymnist-pad-ui button.clear`).click();

    check('no request left the server', requests.length === 0, requests.slice(0, 3).join(' '));
    check('no error in the page (JavaScript)', pageErrors.length === 0, pageErrors.join(' | ').slice(0, 300));

    // --- Reopened untrusted: the saved outputs say "run this cell to draw" ------------------------------
    await page.keyboard.press('Escape');
    await menu(page, 'File', 'Save Notebook');
    const saved = path.join(OUT, NOTEBOOK);
    const wStart = Date.now();
    while (!readFileSync(saved, 'utf8').includes('mymnist-pad-fallback') && Date.now() - wStart < 30000) await sleep(250);
    const nb = JSON.parse(readFileSync(saved, 'utf8'));
    nb.metadata.untrusted_copy = 'a copy that JupyterLab has not signed';
    writeFileSync(path.join(OUT, UNTRUSTED), JSON.stringify(nb));
    await openNotebook(page, UNTRUSTED);
    await page.locator(`${PANEL} .mymnist-pad`).first().waitFor({ timeout: 30000 });
    await sleep(1000);
    const reopened = await page.evaluate((panel) => ({
      fallback: document.querySelector(`${panel} .mymnist-pad`)?.textContent || '',
      ui: document.querySelectorAll(`${panel} .mymnist-pad-ui`).length,
    }), PANEL);
    check('reopened untrusted, the pad cell says "Exécutez cette cellule pour dessiner"',
      reopened.fallback.includes('Exécutez cette cellule pour dessiner') && reopened.ui === 0, JSON.stringify(reopened).slice(0, 200));
    const cell = page.locator(`${PANEL} .jp-Cell`, { has: page.locator('.mymnist-pad') }).first();
    await cell.scrollIntoViewIfNeeded();
    await cell.screenshot({ path: path.join(OUT, 'draw-untrusted.png') });
    log('screenshots: build/browser/draw-*.png');
  } catch (e) {
    if (page) await page.screenshot({ path: path.join(OUT, 'draw-failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

await runAll(main, 'the drawing test', path.join(OUT, 'draw-results'), 'drawing pad part');
