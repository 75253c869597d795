// tour.test.mjs — drives headless Chromium through a running Jupyter Notebook
// (6.x) server: opens the tour notebook, clears the committed outputs, runs
// every cell with the Lingo kernel, waits until all have finished, checks the
// rendered page and saves a full-page screenshot. Started by run.sh, which
// owns the server; this script only talks to it over HTTP.
//
// Checks:
//   - the notebook loads without an error dialog (Jupyter shows one when the
//     file fails nbformat validation) and shows every code cell of the file;
//   - the notebook's kernel is "lingo" and it becomes ready;
//   - every code cell ran (a numeric execution count, none left at "*");
//   - an <svg> is rendered inside an output area (the gonum/plot chart);
//   - a <table> is rendered inside an output area (plots.Table);
//   - no error output (.output_error) anywhere;
//   - the top-k cell prints the same two words on every run.
//
// Exit status 0 on pass, 1 on failure (with the reason).

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { log, openNotebook, parseArgs, saveScreenshot, sleep, unrollPage, waitForServer, withBrowser } from './common.mjs';

const args = parseArgs(process.argv.slice(2));
const nbName = args.notebook ?? '00-tour.ipynb';
const screenshot = args.screenshot;

// Budgets (ms). Running all cells of the tour takes about a minute, most of
// it compiling each cell; the whole script must stay inside run.sh's budget.
const kernelReadyMs = 60_000;
const runAllMs = 200_000;

// Runs in the page: a summary of every code cell and the kernel.
function cellState() {
	const nb = window.Jupyter && window.Jupyter.notebook;
	if (!nb) return null;
	const cells = nb.get_cells().filter((c) => c.cell_type === 'code');
	return {
		kernel: nb.kernel ? { name: nb.kernel.name, connected: nb.kernel.is_connected(), status: document.querySelector('#kernel_indicator_icon')?.className ?? '' } : null,
		prompts: cells.map((c) => c.input_prompt_number ?? null),
		running: cells.filter((c) => c.element[0].classList.contains('running')).length,
	};
}

async function main() {
	await waitForServer(args);
	log(`server up at ${args.url}`);
	await withBrowser(args, runTour);
}

async function runTour(context) {
	const page = context.pages()[0] ?? (await context.newPage());
	const pageErrors = await openNotebook(page, args, nbName, { budgetMs: kernelReadyMs });
	log(`opened ${nbName}`);
	if (args.notebookFile) {
		const want = JSON.parse(readFileSync(args.notebookFile, 'utf8')).cells.filter((c) => c.cell_type === 'code').length;
		const got = await page.evaluate(() => window.Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code').length);
		if (got !== want) throw new Error(`the page shows ${got} code cells, the notebook file has ${want}`);
	}
	const kernelName = await page.evaluate(() => window.Jupyter.notebook.kernel.name);
	if (kernelName !== 'lingo') throw new Error(`the notebook started kernel "${kernelName}", want "lingo"`);
	log(`kernel "${kernelName}" ready`);

	// The notebook is committed with its outputs: clear them so that every
	// check below sees only what this run produced.
	await page.evaluate(() => {
		const nb = window.Jupyter.notebook;
		nb.clear_all_output();
		for (const c of nb.get_cells()) if (c.cell_type === 'code') c.set_input_prompt(null);
	});
	const left = await page.locator('.output_area').count();
	if (left !== 0) throw new Error(`${left} output areas left after clearing the committed outputs`);

	const nCode = await page.evaluate(() => {
		const nb = window.Jupyter.notebook;
		nb.execute_all_cells();
		return nb.get_cells().filter((c) => c.cell_type === 'code').length;
	});
	log(`running all ${nCode} code cells`);

	// Finished: every code cell has a numeric execution count, none is queued
	// or running ("*"), and the kernel is idle — stable over a second.
	let lastDone = -1;
	let stableSince = 0;
	const deadline = Date.now() + runAllMs;
	for (;;) {
		const s = await page.evaluate(cellState);
		const done = s.prompts.filter((p) => typeof p === 'number').length;
		const pending = s.prompts.filter((p) => p === '*').length;
		const idle = /kernel_idle_icon/.test(s.kernel?.status ?? '');
		if (done !== lastDone) {
			log(`${done}/${nCode} cells done`);
			lastDone = done;
		}
		if (pending === 0 && s.running === 0 && idle) {
			if (!stableSince) stableSince = Date.now();
			if (Date.now() - stableSince >= 1000) {
				if (done !== nCode) {
					throw new Error(`run-all stopped with ${done}/${nCode} cells executed (execution counts: ${JSON.stringify(s.prompts)}); an earlier cell failed or was aborted`);
				}
				break;
			}
		} else {
			stableSince = 0;
		}
		if (Date.now() > deadline) {
			throw new Error(`cells still running after ${runAllMs / 1000}s: ${done}/${nCode} done, ${pending} pending (execution counts: ${JSON.stringify(s.prompts)})`);
		}
		await sleep(250);
	}
	log('all cells finished');

	const found = await page.evaluate(() => {
		const q = (sel) => Array.from(document.querySelectorAll(sel));
		// The top-k cell breaks ties by key, so its output is the same on
		// every run (ties used to come out in random map order).
		const topCell = window.Jupyter.notebook.get_cells().find((c) => c.cell_type === 'code' && c.get_text().includes('func top['));
		return {
			topK: topCell ? topCell.output_area.element[0].innerText.trim() : null,
			svg: q('.output_area svg').length,
			svgOutputs: q('.output_area .output_svg').length,
			tables: q('.output_area table').length,
			errors: q('.output_area .output_error, .output_subarea.output_error').map((e) => e.innerText.slice(0, 400)),
			stderr: q('.output_area .output_stderr').map((e) => e.innerText.slice(0, 200)),
		};
	});
	log(`outputs: ${found.svg} <svg> (${found.svgOutputs} image/svg+xml outputs), ${found.tables} <table>, ${found.errors.length} errors, ${found.stderr.length} stderr`);

	// The screenshot is taken before failing, so a failure can be looked at.
	if (screenshot) await saveTourScreenshot(page, screenshot);

	const problems = [];
	if (found.topK !== '0 the\n1 cat') problems.push(`the top-k cell printed ${JSON.stringify(found.topK)}, want "0 the\n1 cat" on every run`);
	if (args.hanText) problems.push(...(await checkHanText(page, args.hanText)));
	if (found.svg < 1) problems.push('no rendered <svg> chart inside an output area');
	if (found.tables < 1) problems.push('no HTML <table> inside an output area');
	for (const e of found.errors) problems.push(`error output: ${e}`);
	for (const e of pageErrors) problems.push(`page error: ${e}`);
	if (problems.length) throw new Error(problems.join('\n  '));
}

// checkHanText finds the chart text that contains want (Chinese) in an SVG
// output and checks that the browser draws its characters with a real font:
// each distinct character is drawn on a canvas in the font the SVG asks for
// (the browser falls back per character, as it does in the SVG), and if two
// different characters give the same pixels they are both the empty box
// (.notdef) of a font without them. With --chart-screenshot it saves the chart.
async function checkHanText(page, want) {
	const res = await page.evaluate((want) => {
		const texts = Array.from(document.querySelectorAll('.output_area svg text'));
		const el = texts.find((t) => t.textContent.includes(want));
		if (!el) return { found: false, sample: texts.slice(0, 8).map((t) => t.textContent) };
		const family = getComputedStyle(el).fontFamily || 'sans-serif';
		const chars = Array.from(new Set(Array.from(want).filter((c) => /\p{Script=Han}/u.test(c))));
		const canvas = document.createElement('canvas');
		canvas.width = 40;
		canvas.height = 40;
		const ctx = canvas.getContext('2d', { willReadFrequently: true });
		const images = chars.map((c) => {
			ctx.clearRect(0, 0, 40, 40);
			ctx.font = `28px ${family}`;
			ctx.fillText(c, 4, 32);
			return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
		});
		const same = [];
		for (let i = 0; i < images.length; i++) {
			for (let j = i + 1; j < images.length; j++) {
				if (images[i] === images[j]) same.push(chars[i] + chars[j]);
			}
		}
		const blank = images.filter((im) => !/[1-9]/.test(im)).length;
		el.closest('.output_area')?.setAttribute('data-lingo-han-chart', '1');
		return { found: true, family, chars: chars.join(''), same, blank };
	}, want);
	const problems = [];
	if (!res.found) {
		problems.push(`no chart text containing ${want} (chart texts: ${JSON.stringify(res.sample)})`);
		return problems;
	}
	log(`chart text ${want} in font ${res.family}: ${res.chars.length} Han characters drawn, ${res.same.length} identical pairs, ${res.blank} blank`);
	if (res.same.length) problems.push(`characters drawn as the same box (no font has them): ${res.same.join(' ')}`);
	if (res.blank) problems.push(`${res.blank} characters of ${want} drew nothing`);
	if (args.chartScreenshot) {
		const chart = await page.$('[data-lingo-han-chart]');
		if (chart) {
			mkdirSync(dirname(args.chartScreenshot), { recursive: true });
			await chart.screenshot({ path: args.chartScreenshot });
			log(`chart screenshot saved to ${args.chartScreenshot}`);
		}
	}
	return problems;
}

async function saveTourScreenshot(page, path) {
	await unrollPage(page);
	await saveScreenshot(page, path, { fullPage: true });
}

try {
	await main();
	log('PASS');
} catch (e) {
	console.error(`browser test: FAIL: ${e.message}`);
	process.exitCode = 1;
}
