// html.test.mjs — opens a page written by `lingo run --html` from a local
// file with every network request refused, and checks that its Markdown
// math was typeset by the KaTeX inlined in the page: every .math element
// holds KaTeX's rendering and none is a KaTeX error. run.sh writes the page
// from a notebook holding the Markdown cells of every lesson, so all the
// TeX the course uses is checked. Saves a screenshot of the first screen.

import { log, parseArgs, saveScreenshot, withBrowser } from './common.mjs';

const args = parseArgs(process.argv.slice(2), ['html', 'screenshot']);

async function main() {
	await withBrowser(args, async (context) => {
		const page = await context.newPage();
		const requests = [];
		await page.route(/^(?!file:)/, (route) => {
			requests.push(route.request().url());
			route.abort();
		});
		await page.goto(`file://${args.html}`, { waitUntil: 'load' });
		const r = await page.evaluate(() => ({
			math: document.querySelectorAll('.math').length,
			typeset: document.querySelectorAll('.math > .katex, .math > .katex-display').length,
			errors: Array.from(document.querySelectorAll('.math .katex-error')).map((e) => e.getAttribute('title') || e.textContent).slice(0, 5),
			note: document.querySelector('.note')?.innerText ?? '',
		}));
		log(`${r.math} formulas, ${r.typeset} typeset by KaTeX, ${r.errors.length} errors, ${requests.length} network requests refused`);
		// The first screen from the first displayed formula's cell down.
		const clip = await page.evaluate(() => {
			const m = document.querySelector('.math.display');
			const top = m ? Math.max(0, m.closest('.cell').getBoundingClientRect().top + window.scrollY - 10) : 0;
			return { x: 0, y: top, width: document.documentElement.clientWidth, height: 900 };
		});
		await saveScreenshot(page, args.screenshot, { clip, fullPage: true });
		const problems = [];
		if (r.note) problems.push(`the page says: ${r.note}`);
		if (r.math === 0) problems.push('no formulas in the page');
		if (r.typeset !== r.math) problems.push(`${r.math - r.typeset} of ${r.math} formulas were not typeset`);
		for (const e of r.errors) problems.push(`KaTeX error: ${e}`);
		for (const u of requests) problems.push(`the page asked the network for ${u}`);
		if (problems.length) throw new Error(problems.join('\n  '));
	});
}

try {
	await main();
	log('PASS');
} catch (e) {
	console.error(`browser test: FAIL: ${e.message}`);
	process.exitCode = 1;
}
