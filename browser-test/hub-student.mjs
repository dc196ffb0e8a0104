// One student of the test hub (scripts/test-hub.sh, scripts/check_hub.py), in headless Chromium:
// logs in on the hub's login page, opens the teacher's nbgitpuller link, which pulls the notebooks
// into the student's home and opens 01 in JupyterLab, then Run All through the menu, and checks the
// last epoch line (27.11 %) and the chart. Environment: HUB_URL, STUDENT, PASSWORD, PULL_LINK (the
// link, from /hub/user-redirect/...), NOTEBOOK (its name), OUT (screenshots, results), CHROMIUM.
// Prints PASS/FAIL lines and writes "passed failed" to OUT/hub-browser-results.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_ARGS, PANEL, cells, count, kernelStatus, menu, report, sleep } from './jupyterlab.mjs';

const { HUB_URL, STUDENT, PASSWORD, PULL_LINK, NOTEBOOK, OUT } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RUN_ALL_TIMEOUT = Number(process.env.RUN_ALL_TIMEOUT_S || 300) * 1000;
const { check, log, runAll } = report('hub-student', `${STUDENT}: `);

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launchPersistentContext(path.join(OUT, `chromium-${STUDENT}`), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1800 }, timeout: 60000,
  });
  const page = browser.pages()[0] || await browser.newPage();
  try {
    await page.goto(`${HUB_URL}/hub/login`);
    await page.fill('#username_input', STUDENT);
    await page.fill('#password_input', PASSWORD);
    await page.click('#login_submit');
    // The hub starts the student's server, then JupyterLab opens.
    await page.waitForURL(new RegExp(`/user/${STUDENT}/`), { timeout: 120000 });
    check('logs in on the hub\'s login page and reaches their own server', page.url().includes(`/user/${STUDENT}/`), page.url());
    log('logged in');

    await page.goto(`${HUB_URL}${PULL_LINK}`);
    await page.waitForSelector(`${PANEL} .jp-Notebook .jp-Cell`, { timeout: 120000 });
    const title = await page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current').first().textContent();
    check(`the nbgitpuller link opens ${NOTEBOOK} in JupyterLab (${page.url().replace(HUB_URL, '')})`,
      page.url().endsWith(`/lab/tree/my-mnist/notebooks/${NOTEBOOK}`) && (title || '').includes(NOTEBOOK), `${page.url()} | ${title}`);
    for (let i = 0; i < 120 && !['idle', 'unknown'].includes(await kernelStatus(page)); i++) await sleep(500);
    log(`pulled and opened, kernel ${await kernelStatus(page)}`);

    const start = Date.now();
    await menu(page, 'Run', 'Run All Cells');
    let stable = 0;
    while (stable < 3) {
      const code = (await cells(page)).filter((c) => c.code);
      const done = code.length > 0 && code.every((c) => count(c.prompt) !== null) && (await kernelStatus(page)) === 'idle';
      stable = done ? stable + 1 : 0;
      if (Date.now() - start > RUN_ALL_TIMEOUT) throw new Error(`Run All not done after ${RUN_ALL_TIMEOUT / 1000} s`);
      await sleep(500);
    }
    log(`Run All done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const cs = await cells(page);
    const code = cs.filter((c) => c.code);
    check(`no cell shows an error (${code.length} code cells)`, code.every((c) => c.errors === 0),
      code.filter((c) => c.errors).map((c) => c.source.slice(0, 60)).join(' | '));
    const training = cs.find((c) => c.source.includes('trainer.run()'));
    const last = (training?.text || '').trim().split('\n').filter((l) => l.startsWith('Epoch')).pop() || '';
    check('the last epoch line is epoch 49 at 27.11 %', /^Epoch : 49 loss : [\d.]+, acc : 27\.11 %$/.test(last), last);
    check('the training chart is an 800x450 image in the page',
      training && training.imgs.length === 1 && training.imgs[0].w === 800 && training.imgs[0].h === 450,
      JSON.stringify(training?.imgs.map((i) => [i.w, i.h])));
    const cell = page.locator(`${PANEL} .jp-Cell`, { hasText: 'trainer.run()' }).last();
    await cell.scrollIntoViewIfNeeded();
    await cell.screenshot({ path: path.join(OUT, `hub-${STUDENT}-training.png`) });
    await menu(page, 'File', 'Save Notebook');
    await sleep(1000);
  } catch (e) {
    await page.screenshot({ path: path.join(OUT, `hub-${STUDENT}-failure.png`) }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

runAll(main, 'the browser student', path.join(OUT, 'hub-browser-results'), `hub-student ${STUDENT}`);
