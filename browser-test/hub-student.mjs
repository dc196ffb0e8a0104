// One student of the test hub (scripts/test-hub.sh, scripts/check_hub.py), in headless Chromium:
// logs in on the hub's login page, opens the teacher's nbgitpuller link, which pulls the notebooks
// into the student's home and opens 01 in JupyterLab, then Run All through the menu. The connection
// then drops mid-training: the page is closed after 5 epoch lines and the notebook opened again
// 10 s later; the kernel goes on, and the student gets the result without training again (the
// history's last epoch at 27.11 % and the chart drawn again from the notebook's variables). Environment: HUB_URL, STUDENT, PASSWORD, PULL_LINK (the
// link, from /hub/user-redirect/...), NOTEBOOK (its name), OUT (screenshots, results), CHROMIUM.
// Prints PASS/FAIL lines and writes "passed failed" to OUT/hub-browser-results.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_ARGS, PANEL, addAndRun, cells, kernelStatus, menu, report, sleep } from './jupyterlab.mjs';

const { HUB_URL, STUDENT, PASSWORD, PULL_LINK, NOTEBOOK, OUT } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RUN_ALL_TIMEOUT = Number(process.env.RUN_ALL_TIMEOUT_S || 300) * 1000;
const { check, log, runAll } = report('hub-student', `${STUDENT}: `);
const DROP_AFTER_EPOCHS = 5;
// What a student types after reconnecting (docs/classroom.md): the result, without training again.
const AGAIN = 'System.out.println("epochs: " + history.epochs().size() + ", last: " + history.epochs().get(history.epochs().size() - 1));\ndisplay(chart.image());';

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launchPersistentContext(path.join(OUT, `chromium-${STUDENT}`), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1800 }, timeout: 60000,
  });
  let page = browser.pages()[0] || await browser.newPage();
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
    // The connection drops mid-training (the laptop sleeps, the Wi-Fi goes): the page is closed once
    // the training cell has shown a few epochs, and the notebook opened again a little later.
    const lines = async () => ((await cells(page)).find((c) => c.source.includes('trainer.run()'))?.text.match(/Epoch : \d+ /g) || []).length;
    while ((await lines()) < DROP_AFTER_EPOCHS) {
      if (Date.now() - start > RUN_ALL_TIMEOUT) throw new Error(`no ${DROP_AFTER_EPOCHS} epoch lines after ${RUN_ALL_TIMEOUT / 1000} s`);
      await sleep(250);
    }
    const seenBefore = await lines();
    const url = page.url();
    await page.close();
    log(`page closed mid-training, after ${seenBefore} epoch lines (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    await sleep(10000);
    page = await browser.newPage();
    // The hub may be restarting at that moment (check_hub.py restarts it mid-lesson): try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await page.goto(url);
        await page.waitForSelector(`${PANEL} .jp-Notebook .jp-Cell`, { timeout: 40000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        log(`reopening, attempt ${attempt}: ${String(e).split('\n')[0]}`);
        await sleep(5000);
      }
    }
    // JJava sends a new page no status before that page's first execution: "unknown" is usual here.
    for (let i = 0; i < 20 && !['busy', 'idle'].includes(await kernelStatus(page)); i++) await sleep(500);
    const reopened = await lines();
    const status = await kernelStatus(page);
    log(`reopened: the training cell shows ${reopened} epoch lines, the status bar says the kernel is ${status}`);
    // The result without training again: the variables are in the kernel, the chart is drawn from them.
    // The cell is queued behind what is left of the Run All (the kernel runs its requests in order).
    const shown = await addAndRun(page, AGAIN);
    while (!((await shown.locator('.jp-OutputArea').textContent().catch(() => '')) || '').includes('epochs:')) {
      if (Date.now() - start > RUN_ALL_TIMEOUT) throw new Error(`no answer to the cell typed after reconnecting in ${RUN_ALL_TIMEOUT / 1000} s`);
      await sleep(500);
    }
    await sleep(1500);
    log(`the Run All and the cell typed after reconnecting ended ${((Date.now() - start) / 1000).toFixed(1)} s after the Run All started`);
    // What JupyterLab shows of the cells that ran while no page was open: measured, for docs/classroom.md.
    const after = await lines();
    const code = (await cells(page)).filter((c) => c.code && !c.source.includes('epochs:'));
    const withOutput = code.filter((c) => c.text || c.imgs.length || c.tables.length).length;
    log(`after reconnecting the page shows ${after} of 50 epoch lines, and outputs in ${withOutput} of ${code.length} code cells`);
    writeFileSync(path.join(OUT, 'hub-reconnect.json'), JSON.stringify({ epochLinesBeforeDrop: seenBefore,
      epochLinesWhenReopened: reopened, statusWhenReopened: status, epochLinesAfter: after,
      codeCellsWithOutput: withOutput, codeCells: code.length }) + '\n');
    const again = (await cells(page)).find((c) => c.source.includes('epochs:'));
    check('after reconnecting, the same kernel answers: its history holds all 50 epochs, the last at 27.11 %',
      again && /epochs: 50, last: Epoch\[epoch=49, loss=[\d.]+, accuracy=27\.11/.test(again.text), again?.text.slice(0, 200));
    check('after reconnecting, the chart is shown again from it, an 800x450 image',
      again && again.imgs.length === 1 && again.imgs[0].w === 800 && again.imgs[0].h === 450,
      JSON.stringify(again?.imgs.map((i) => [i.w, i.h])));
    await shown.scrollIntoViewIfNeeded();
    await shown.screenshot({ path: path.join(OUT, `hub-${STUDENT}-reconnected.png`) });
  } catch (e) {
    await page.screenshot({ path: path.join(OUT, `hub-${STUDENT}-failure.png`) }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

runAll(main, 'the browser student', path.join(OUT, 'hub-browser-results'), `hub-student ${STUDENT}`);
