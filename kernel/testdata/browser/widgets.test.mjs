// widgets.test.mjs — drives headless Chromium through a running classic
// Jupyter Notebook 6 server with Debian's widgets extension (jupyter-js-widgets
// 2.1.4, widget protocol 1): opens a lesson, runs every cell with the Lingo
// kernel, drags a slider of its Interact cell with the mouse, and checks that
// the chart below the slider is redrawn. Started by widgets.sh, which owns
// the server.
//
// Checks:
//   - the widgets extension loads and accepts the kernel's version
//     ("Widget backend and frontend versions are compatible");
//   - every code cell runs, none shows an error, no "Could not create model";
//   - the cell's widget area shows the slider named by --slider;
//   - after the drag the slider's readout changed, the chart (the first
//     <svg> in the cell's output) was redrawn, and the kernel's value of the
//     slider is the readout;
//   - no page errors.
// It prints how long the chart took to change after the mouse was released,
// and saves a screenshot of the cell.
//
// Exit status 0 on pass, 1 on failure (with the reason).

import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';

const args = parseArgs(process.argv.slice(2));
const base = args.url;
const token = args.token;
const started = Date.now();
const log = (msg) => console.log(`widgets browser test: [${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i += 2) {
		if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
			throw new Error(`widgets.test: bad argument ${argv[i]} (want --name value pairs)`);
		}
		out[argv[i].slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = argv[i + 1];
	}
	for (const need of ['url', 'token', 'notebook', 'slider', 'variable']) {
		if (!out[need]) throw new Error(`widgets.test: --${need} is required`);
	}
	return out;
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function waitForServer() {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
			if (res.ok) return;
		} catch {
			// not up yet
		}
		if (args.serverPid && !alive(Number(args.serverPid))) throw new Error('the notebook server exited before answering');
		await sleep(250);
	}
	throw new Error(`the notebook server did not answer at ${base} within 60 s`);
}

// In the page: what the code cells show.
function cellState() {
	const nb = window.Jupyter.notebook;
	const cells = nb.get_cells().filter((c) => c.cell_type === 'code');
	return {
		prompts: cells.map((c) => c.input_prompt_number ?? null),
		running: cells.filter((c) => c.element[0].classList.contains('running')).length,
		idle: document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null,
	};
}

async function main() {
	await waitForServer();
	const profile = args.profile ?? mkdtempSync(join(tmpdir(), 'lingo-chromium-'));
	mkdirSync(profile, { recursive: true });
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: args.chromium ?? '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
			'--disable-component-update', '--disable-sync', '--disable-quic'],
		viewport: { width: 1100, height: 900 },
		deviceScaleFactor: 1,
	});
	try {
		await run(context);
	} finally {
		await context.close().catch(() => {});
		if (!args.profile) rmSync(profile, { recursive: true, force: true });
	}
}

async function run(context) {
	const page = context.pages()[0] ?? (await context.newPage());
	const pageErrors = [];
	const consoleLines = [];
	page.on('pageerror', (e) => pageErrors.push(e.message));
	page.on('console', (m) => consoleLines.push(m.text()));
	page.on('dialog', (d) => {
		pageErrors.push(`dialog: ${d.message()}`);
		d.dismiss().catch(() => {});
	});
	await page.goto(`${base}/notebooks/${encodeURIComponent(args.notebook)}?token=${token}`, { waitUntil: 'load' });
	await page.waitForFunction(() => {
		const nb = window.Jupyter && window.Jupyter.notebook;
		return nb && nb._fully_loaded && nb.kernel && nb.kernel.is_connected() &&
			document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
	}, null, { timeout: 90_000, polling: 250 });
	const kernelName = await page.evaluate(() => window.Jupyter.notebook.kernel.name);
	if (kernelName !== 'lingo') throw new Error(`the notebook started kernel "${kernelName}", want "lingo"`);
	// The extension opens the version comm when the kernel connects; the
	// kernel answers with the range of jupyter-js-widgets it speaks to.
	const deadline = Date.now() + 30_000;
	while (!consoleLines.some((l) => /Widget backend and frontend versions are compatible/.test(l))) {
		if (Date.now() > deadline) {
			throw new Error(`the widgets extension did not validate the kernel's version; console: ${consoleLines.filter((l) => /[Ww]idget/.test(l)).join(' | ')}`);
		}
		await sleep(200);
	}
	log(`opened ${args.notebook}; kernel ready; the widgets extension accepted the kernel's version`);

	await page.evaluate(() => {
		const nb = window.Jupyter.notebook;
		nb.clear_all_output();
		nb.execute_all_cells();
	});
	const nCode = await page.evaluate(() => window.Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code').length);
	let stableSince = 0;
	const runDeadline = Date.now() + 300_000;
	for (;;) {
		const s = await page.evaluate(cellState);
		const done = s.prompts.filter((p) => typeof p === 'number').length;
		if (s.prompts.every((p) => p !== '*') && s.running === 0 && s.idle) {
			stableSince ||= Date.now();
			if (Date.now() - stableSince >= 1000) {
				if (done !== nCode) throw new Error(`run-all stopped with ${done}/${nCode} cells executed`);
				break;
			}
		} else {
			stableSince = 0;
		}
		if (Date.now() > runDeadline) throw new Error(`cells still running after 300 s: ${done}/${nCode} done`);
		await sleep(250);
	}
	log(`all ${nCode} code cells ran`);

	const problems = await page.evaluate(() => [
		...Array.from(document.querySelectorAll('.output_area .output_error')).map((e) => 'error output: ' + e.innerText.slice(0, 300)),
		...Array.from(document.querySelectorAll('.widget-area')).filter((e) => /Could not create/.test(e.innerText)).map((e) => 'widget: ' + e.innerText.slice(0, 300)),
	]);
	if (problems.length) throw new Error(problems.join('\n  '));

	// The Interact cell: its widget area holds a slider labelled args.slider.
	const index = await page.evaluate((label) => window.Jupyter.notebook.get_cells().findIndex((c) =>
		Array.from(c.element[0].querySelectorAll('.widget-area .widget-hslider .widget-label')).some((l) => l.textContent.trim() === label)), args.slider);
	if (index < 0) throw new Error(`no cell shows a slider labelled "${args.slider}"`);
	const cell = page.locator('#notebook-container .cell').nth(index);
	const slider = cell.locator('.widget-area .widget-hslider').filter({ has: page.locator('.widget-label', { hasText: args.slider }) });
	const widgets = await cell.locator('.widget-area .jupyter-widgets').count();
	const readout = async () => (await slider.locator('.widget-readout').textContent()).trim();
	const chart = async () => cell.locator('.output_area svg').first().evaluate((e) => e.outerHTML);
	await cell.scrollIntoViewIfNeeded();
	const before = { readout: await readout(), chart: await chart() };
	log(`cell ${index + 1} shows ${widgets} widgets; "${args.slider}" reads ${before.readout}; its chart has ${before.chart.length} characters of SVG`);

	// Drag the handle to a fifth of the track with the mouse.
	const handle = slider.locator('.ui-slider-handle');
	const hb = await handle.boundingBox();
	const tb = await slider.locator('.ui-slider').boundingBox();
	if (!hb || !tb) throw new Error('the slider has no handle or track on screen');
	await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
	await page.mouse.down();
	await page.mouse.move(tb.x + tb.width * 0.2, hb.y + hb.height / 2, { steps: 10 });
	await page.mouse.up();
	const released = Date.now();
	await page.waitForFunction((old) => {
		const svg = document.querySelectorAll('#notebook-container .cell')[old.index].querySelector('.output_area svg');
		return svg && svg.outerHTML !== old.chart;
	}, { index, chart: before.chart }, { timeout: 30_000, polling: 10 }).catch(() => {
		throw new Error('the chart below the slider did not change within 30 s of the drag');
	});
	const changedAfter = Date.now() - released;
	// Let the last redraw land: the chart is the same for a second and the
	// kernel is idle.
	let last = await chart();
	for (let same = Date.now(); Date.now() - same < 1000;) {
		await sleep(100);
		const now = await chart();
		if (now !== last || !(await page.evaluate(() => document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null))) {
			last = now;
			same = Date.now();
		}
	}
	const after = { readout: await readout(), chart: last };
	if (after.readout === before.readout) throw new Error(`the readout still shows ${before.readout} after the drag`);
	// The kernel's own value of the slider (the Go variable --variable),
	// read by a request of its own.
	const kernelValue = await page.evaluate((variable) => new Promise((resolve, reject) => {
		window.Jupyter.notebook.kernel.execute(`${variable}.Value()`, {
			iopub: { output: (m) => { if (m.msg_type === 'execute_result') resolve(m.content.data['text/plain']); if (m.msg_type === 'error') reject(new Error(m.content.evalue)); } },
		}, { silent: false, store_history: false });
	}), args.variable);
	log(`dragged "${args.slider}" from ${before.readout} to ${after.readout}; the chart changed ${changedAfter} ms after the mouse was released; the kernel's value is ${kernelValue}`);
	if (Math.abs(Number(kernelValue.replace(/"/g, '')) - Number(after.readout)) > 1e-9) {
		throw new Error(`the kernel's value ${kernelValue} is not the readout ${after.readout}`);
	}

	if (args.screenshot) {
		// Notebook 6 scrolls inside #site under a fixed header: let the page
		// grow, then take the widgets and the output below them.
		await page.addStyleTag({
			content: `html, body, #site { height: auto !important; overflow: visible !important; }
				#header { position: static !important; }
				.cell.selected, .cell.selected:before { border-color: transparent !important; background: none !important; }`,
		});
		const area = await cell.locator('.widget-area').boundingBox();
		const out = await cell.locator('.output_wrapper').boundingBox();
		if (!area || !out) throw new Error('the cell has no widget area or output on the page');
		const x = Math.min(area.x, out.x);
		const clip = { x, y: area.y, width: Math.max(area.x + area.width, out.x + out.width) - x, height: out.y + out.height - area.y };
		mkdirSync(dirname(args.screenshot), { recursive: true });
		await page.screenshot({ path: args.screenshot, clip, fullPage: true, animations: 'disabled' });
		log(`screenshot of the widgets and the chart saved to ${args.screenshot}`);
	}
	if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join(' | ')}`);
}

try {
	await main();
	log('PASS');
} catch (e) {
	console.error(`widgets browser test: FAIL: ${e.message}`);
	process.exitCode = 1;
}
