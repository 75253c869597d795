// common.mjs — what tour.test.mjs and lessons.test.mjs share: argument
// parsing, waiting for the notebook server, launching Debian's Chromium,
// opening a notebook and taking full-page screenshots of Notebook 6.

import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';

const started = Date.now();
export const log = (msg) => console.log(`browser test: [${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// parseArgs reads --name value pairs into {name: value} (dashed names become
// camelCase); required names must be present.
export function parseArgs(argv, required = ['url', 'token']) {
	const out = {};
	for (let i = 0; i < argv.length; i += 2) {
		if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
			throw new Error(`bad argument ${argv[i]} (want --name value pairs)`);
		}
		out[argv[i].slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = argv[i + 1];
	}
	for (const need of required) {
		if (!out[need]) throw new Error(`--${need} is required`);
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

// waitForServer polls the notebook server's status API until it answers.
export async function waitForServer(args, budgetMs = 60_000) {
	const deadline = Date.now() + budgetMs;
	let last = '';
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`${args.url}/api/status`, { headers: { Authorization: `token ${args.token}` } });
			if (res.ok) return;
			last = `HTTP ${res.status}`;
		} catch (e) {
			last = e.cause?.code ?? e.message;
		}
		if (args.serverPid && !alive(Number(args.serverPid))) {
			throw new Error(`the notebook server (pid ${args.serverPid}) exited before answering`);
		}
		await sleep(250);
	}
	throw new Error(`the notebook server did not answer at ${args.url} within ${budgetMs / 1000}s (last: ${last})`);
}

// withBrowser runs fn(context) in a headless Chromium (never a downloaded
// browser) and always closes it.
export async function withBrowser(args, fn) {
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
		return await fn(context);
	} finally {
		await context.close().catch(() => {});
		if (!args.profile) rmSync(profile, { recursive: true, force: true });
	}
}

// openNotebook loads a notebook page and waits until Jupyter has read the
// notebook (and, with waitKernel, until its kernel is connected and idle).
// It fails on a dialog, which is how Jupyter reports a notebook that does
// not load or validate. Returns the page errors collected so far (the array
// keeps growing while the page lives).
export async function openNotebook(page, args, name, { waitKernel = true, budgetMs = 60_000 } = {}) {
	const pageErrors = [];
	page.on('pageerror', (e) => pageErrors.push(e.message));
	page.on('dialog', (d) => {
		pageErrors.push(`dialog: ${d.message()}`);
		d.dismiss().catch(() => {});
	});
	await page.goto(`${args.url}/notebooks/${name.split('/').map(encodeURIComponent).join('/')}?token=${args.token}`, { waitUntil: 'load' });
	await page.waitForFunction(
		(waitKernel) => {
			const nb = window.Jupyter && window.Jupyter.notebook;
			if (!nb || !nb._fully_loaded) return false;
			if (!waitKernel) return true;
			return nb.kernel && nb.kernel.is_connected() && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
		},
		waitKernel,
		{ timeout: budgetMs, polling: 250 },
	).catch((e) => {
		throw new Error(`${name} did not load${waitKernel ? ' with an idle kernel' : ''} within ${budgetMs / 1000}s: ${e.message}`);
	});
	const modals = await page.evaluate(() =>
		Array.from(document.querySelectorAll('.modal')).filter((m) => m.offsetParent !== null || m.classList.contains('in'))
			.map((m) => m.innerText.replace(/\s+/g, ' ').trim().slice(0, 600)));
	if (modals.length) throw new Error(`Jupyter showed a dialog on loading ${name}: ${modals.join(' | ')}`);
	return pageErrors;
}

// mathTypeset resolves when MathJax (Notebook 6 renders Markdown math with
// it) has typeset everything queued so far, or after budgetMs.
export async function mathTypeset(page, budgetMs = 30_000) {
	await page.evaluate((budgetMs) => new Promise((resolve) => {
		const t = setTimeout(resolve, budgetMs);
		const hub = window.MathJax && window.MathJax.Hub;
		if (!hub) {
			clearTimeout(t);
			resolve();
			return;
		}
		hub.Queue(() => {
			clearTimeout(t);
			resolve();
		});
	}), budgetMs);
}

// Notebook 6 scrolls inside #site with a fixed-height body, so a plain
// full-page screenshot would show one screen; let the page grow first. Only
// layout is changed: nothing that the notebook itself shows is hidden.
export async function unrollPage(page) {
	await page.addStyleTag({
		content: `html, body { height: auto !important; overflow: visible !important; }
			#site { height: auto !important; overflow: visible !important; }
			#header { position: static !important; }
			.cell.selected, .cell.selected:before { border-color: transparent !important; background: none !important; }`,
	});
	await page.evaluate(() => window.scrollTo(0, 0));
}

export async function saveScreenshot(page, path, options = {}) {
	mkdirSync(dirname(path), { recursive: true });
	await page.screenshot({ path, animations: 'disabled', ...options });
	log(`screenshot saved to ${path}`);
}
