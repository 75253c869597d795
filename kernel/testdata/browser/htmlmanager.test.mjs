// htmlmanager.test.mjs — checks in headless Chromium that
// @jupyter-widgets/html-manager (protocol 2.1, the models of ipywidgets 8)
// renders every widget of a notebook lingo run executed, from the state
// saved in the notebook's metadata, with the values its last cells set.
// Started by htmlmanager.sh.
//
// Two pages: the one nbconvert made (the real path; its template
// HTML-escapes the state inside its <script> element, so state strings with
// <, > or & — an HTML widget's markup, an Output widget's SVG — arrive
// escaped: nbconvert 6.5's doing, so those two are checked on the second
// page only), and one this script writes from the notebook with the state
// embedded as html-manager's documentation shows.
//
// Exit status 0 on pass, 1 on failure (with the reason).

import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const args = {};
const argv = process.argv.slice(2);
for (let i = 0; i + 1 < argv.length; i += 2) args[argv[i].slice(2)] = argv[i + 1];
const log = (m) => console.log(`html-manager test: ${m}`);

async function main() {
	const nb = JSON.parse(readFileSync(args.notebook, 'utf8'));
	const saved = nb.metadata?.widgets?.['application/vnd.jupyter.widget-state+json'];
	if (!saved || saved.version_major !== 2) throw new Error('lingo run saved no version-2 widget state in the notebook');
	const views = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.['application/vnd.jupyter.widget-view+json']).length;
	log(`the notebook holds ${Object.keys(saved.state).length} models and ${views} widget views`);

	const browser = await chromium.launch({ executablePath: args.chromium, headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--disable-background-networking'] });
	try {
		await check(browser, 'file://' + args.page, false, views);
		const direct = args.page.replace(/\.html$/, '-direct.html');
		writeFileSync(direct, directPage(nb, saved));
		await check(browser, 'file://' + direct, true, views);
	} finally {
		await browser.close();
	}
}


// directPage embeds the notebook's widget state and views in a page that
// loads html-manager's self-contained embed.js.
function directPage(nb, saved) {
	const script = (type, v) => `<script type="${type}">${JSON.stringify(v).replace(/<\//g, '<\\/')}</script>`;
	const views = nb.cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.['application/vnd.jupyter.widget-view+json']).filter(Boolean);
	const results = nb.cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.['text/plain']).filter((t) => t && !/^[A-Z][A-Za-z]*\(/.test(t));
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="file://${args.embed}"></script>
${script('application/vnd.jupyter.widget-state+json', saved)}</head><body>
${views.map((v) => `<div class="jp-OutputArea-output">${script('application/vnd.jupyter.widget-view+json', v)}</div>`).join('\n')}
${results.map((t) => `<pre>${t.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</pre>`).join('\n')}
</body></html>`;
}

// check opens a page and checks what html-manager rendered; full also
// checks the HTML and Output widgets (see the top of this file).
async function check(browser, url, full, views) {
	log(`opening ${url}`);
	const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
	page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
	await page.goto(url, { waitUntil: 'load' });
	// html-manager replaces each view's script with the rendered widget.
	await page.waitForFunction((n) => document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets, .output_subarea .jupyter-widgets').length >= n,
		views, { timeout: 30_000 })
		.catch(() => { throw new Error(`html-manager did not render the ${views} widget views within 30 s (${problems.join('; ')})`); });
	const seen = await page.evaluate(() => {
		const q = (s) => Array.from(document.querySelectorAll(s));
		const sliders = {};
		for (const s of q('.widget-slider')) {
			sliders[s.querySelector('.widget-label')?.textContent.trim()] = (s.querySelector('.widget-readout')?.textContent ?? '').trim();
		}
		return {
			sliders,
			dropdown: q('.widget-dropdown select').map((s) => s.options[s.selectedIndex]?.text),
			checkbox: q('.widget-checkbox input').map((i) => i.checked),
			text: q('.widget-text input').map((i) => i.value),
			buttons: q('button.jupyter-button').map((b) => b.textContent.trim()),
			html: q('.widget-html-content').map((h) => h.innerHTML),
			outputSVG: q('.widget-output svg, .widget-output img[src^="data:image/svg+xml"]').length,
			errors: q('.jupyter-widgets').filter((e) => /Error|Could not/.test(e.textContent)).map((e) => e.textContent.slice(0, 200)),
			text_: document.body.innerText,
		};
	});
	const { text_: pageText, ...shown } = seen;
	log(`rendered: ${JSON.stringify(shown)}`);
	// The values the notebook's last cell set (html-manager formats with
	// d3-format: ".3g" keeps trailing zeros, 0.001 reads 0.00100).
	for (const [label, value] of Object.entries({ 'top-k': 17, temperature: 0.35, 'learning rate': 0.001 })) {
		if (Number(seen.sliders[label]) !== value) problems.push(`slider "${label}" shows ${seen.sliders[label]}, want ${value}`);
	}
	if (!seen.dropdown.includes('tax')) problems.push(`the drop-down shows ${seen.dropdown}, want tax`);
	if (!seen.checkbox.includes(true)) problems.push('the check box is not ticked');
	if (!seen.text.includes('a new prompt')) problems.push(`the text field shows ${seen.text}`);
	if (!seen.buttons.includes('Train')) problems.push(`no Train button (${seen.buttons})`);
	if (full && !seen.html.some((h) => h.includes('<b>bold</b>'))) problems.push(`the HTML widget shows ${seen.html}, want <b>bold</b> HTML`);
	if (full && seen.outputSVG < 1) problems.push('the Output widget does not show its chart');
	if (seen.errors.length) problems.push(...seen.errors.map((e) => `widget error: ${e}`));
	if (!pageText.includes('tax×17')) problems.push('the Interact result was not redrawn to tax×17');
	if (args.screenshot) {
		const path = full ? args.screenshot.replace(/\.png$/, '-direct.png') : args.screenshot;
		await page.screenshot({ path, fullPage: true });
		log(`screenshot saved to ${path}`);
	}
	await page.close();
	if (problems.length) throw new Error(problems.join('\n  '));
}

try {
	await main();
	log('PASS');
} catch (e) {
	console.error(`html-manager test: FAIL: ${e.message}`);
	process.exitCode = 1;
}
