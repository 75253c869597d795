// lessons.test.mjs — opens every lesson notebook in a running Jupyter
// Notebook (6.x) server as a freshly installed user would, without running
// any cell, and checks what the student sees first: the outputs committed
// with the notebook. Started by run.sh, which owns the server.
//
// For each notebook (--notebooks a.ipynb,b.ipynb,… in the server's root,
// whose files are also in --dir):
//   - it loads without an error dialog, shows every code cell of the file,
//     and starts the "lingo" kernel;
//   - Jupyter trusts it (install.sh signs the lessons for the user);
//   - every stored output with an image (image/svg+xml or image/png) shows
//     as an image (an <svg> or <img>), and every stored text/html output as
//     HTML: none falls back to its text/plain form;
//   - no code cell shows more tab-arrow glyphs (CodeMirror's .cm-tab) than
//     its source has tab characters;
//   - no error output is stored.
// It saves a full-page screenshot per notebook, --out/NAME.png, and a
// screen-sized one around the first chart, --out/NAME-chart.png.
//
// Exit status 0 on pass, 1 on failure (with every problem found).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, mathTypeset, openNotebook, parseArgs, saveScreenshot, unrollPage, waitForServer, withBrowser } from './common.mjs';

const args = parseArgs(process.argv.slice(2), ['url', 'token', 'notebooks', 'dir', 'out']);
const names = args.notebooks.split(',').filter(Boolean);

// What the file stores: per code cell, its source's tab count and, per
// output, whether it holds an image, HTML or an error.
function stored(file) {
	const nb = JSON.parse(readFileSync(file, 'utf8'));
	const join_ = (s) => (Array.isArray(s) ? s.join('') : s ?? '');
	return nb.cells.filter((c) => c.cell_type === 'code').map((c) => ({
		tabs: (join_(c.source).match(/\t/g) ?? []).length,
		outputs: (c.outputs ?? []).map((o) => ({
			type: o.output_type,
			image: !!(o.data && (o.data['image/svg+xml'] || o.data['image/png'])),
			html: !!(o.data && o.data['text/html']),
		})),
	}));
}

// Runs in the page: what Notebook 6 shows for each code cell.
function shown() {
	const nb = window.Jupyter.notebook;
	return {
		trusted: nb.trusted,
		kernel: nb.kernel ? nb.kernel.name : null,
		cells: nb.get_cells().filter((c) => c.cell_type === 'code').map((c) => ({
			tabGlyphs: c.code_mirror.getWrapperElement().querySelectorAll('.cm-tab').length,
			lines: c.code_mirror.lineCount(),
			renderedLines: c.code_mirror.getWrapperElement().querySelectorAll('.CodeMirror-code > *').length,
			outputs: Array.from(c.output_area.element[0].querySelectorAll(':scope > .output_area')).map((a) => ({
				image: a.querySelector('.output_svg svg, .output_png img, .output_subarea svg, .output_subarea img') !== null,
				html: a.querySelector('.output_html') !== null,
				text: a.querySelector('.output_text') !== null,
			})),
		})),
	};
}

async function checkNotebook(context, name) {
	const problems = [];
	const want = stored(join(args.dir, name));
	const page = await context.newPage();
	try {
		const pageErrors = await openNotebook(page, args, name);
		const got = await page.evaluate(shown);
		log(`${name}: opened, kernel "${got.kernel}", ${got.trusted ? 'trusted' : 'NOT trusted'}`);
		if (got.kernel !== 'lingo') problems.push(`started kernel "${got.kernel}", want "lingo"`);
		if (!got.trusted) problems.push('Jupyter does not trust the notebook, so its charts and tables show as text (run ./install.sh, or: lingo trust)');
		if (got.cells.length !== want.length) {
			problems.push(`the page shows ${got.cells.length} code cells, the file has ${want.length}`);
		}
		let images = 0;
		let htmls = 0;
		for (let i = 0; i < Math.min(got.cells.length, want.length); i++) {
			const w = want[i];
			const g = got.cells[i];
			if (g.renderedLines < g.lines) problems.push(`code cell ${i + 1}: CodeMirror rendered ${g.renderedLines} of ${g.lines} lines, so its tab glyphs cannot be counted`);
			if (g.tabGlyphs > w.tabs) problems.push(`code cell ${i + 1} shows ${g.tabGlyphs} tab-arrow glyphs but its source has ${w.tabs} tabs`);
			if (g.outputs.length !== w.outputs.length) {
				problems.push(`code cell ${i + 1}: the page shows ${g.outputs.length} outputs, the file has ${w.outputs.length}`);
				continue;
			}
			w.outputs.forEach((o, j) => {
				if (o.type === 'error') problems.push(`code cell ${i + 1} has a stored error output`);
				if (o.image) {
					images++;
					if (!g.outputs[j].image) problems.push(`code cell ${i + 1}, output ${j + 1}: a stored chart shows as ${g.outputs[j].text ? 'text' : 'nothing'}, not as an image`);
				}
				if (o.html) {
					htmls++;
					if (!g.outputs[j].html && !g.outputs[j].image) problems.push(`code cell ${i + 1}, output ${j + 1}: stored HTML shows as ${g.outputs[j].text ? 'text' : 'nothing'}`);
				}
			});
		}
		log(`${name}: ${images} stored charts, ${htmls} HTML outputs checked`);
		await mathTypeset(page);
		await unrollPage(page);
		await saveScreenshot(page, join(args.out, name.replace(/\.ipynb$/, '.png')), { fullPage: true });
		// The first chart with as much of its cell above it as fits in
		// 900 px: the whole chart always, the code when there is room.
		const clip = await page.evaluate(() => {
			const out = document.querySelector('.output_svg, .output_png');
			if (!out) return null;
			const cell = out.closest('.cell').getBoundingClientRect();
			const chart = out.getBoundingClientRect();
			const bottom = Math.max(chart.bottom, cell.bottom) + window.scrollY + 10;
			const y = Math.max(0, cell.top + window.scrollY - 10, bottom - 900);
			return { x: 0, y, width: document.documentElement.clientWidth, height: bottom - y };
		});
		if (clip) await saveScreenshot(page, join(args.out, name.replace(/\.ipynb$/, '-chart.png')), { clip, fullPage: true });
		for (const e of pageErrors) problems.push(`page error: ${e}`);
		// End the kernel this page started: the next notebook starts its own.
		await page.evaluate(() => new Promise((resolve) => {
			const s = window.Jupyter.notebook.session;
			if (!s) resolve();
			else s.delete(resolve, resolve);
		})).catch(() => {});
	} catch (e) {
		problems.push(e.message);
	} finally {
		await page.close().catch(() => {});
	}
	return problems;
}

async function main() {
	await waitForServer(args);
	log(`server up at ${args.url}; checking ${names.length} notebooks`);
	const failures = [];
	await withBrowser(args, async (context) => {
		for (const name of names) {
			const problems = await checkNotebook(context, name);
			if (problems.length) failures.push(`${name}:\n    ${problems.join('\n    ')}`);
			else log(`${name}: ok`);
		}
	});
	if (failures.length) throw new Error(`${failures.length} of ${names.length} notebooks:\n  ${failures.join('\n  ')}`);
}

try {
	await main();
	log('PASS');
} catch (e) {
	console.error(`browser test: FAIL: ${e.message}`);
	process.exitCode = 1;
}
