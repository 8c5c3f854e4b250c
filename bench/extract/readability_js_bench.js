// readability.js (jsdom) on every page in one node process: pages/s/core and peak RSS.
'use strict';
const fs = require('fs');
const path = require('path');
const peers = process.env.PEERS_DIR || '/work/shared/tools/peers';
const { JSDOM, VirtualConsole } = require(path.join(peers, 'node_modules/jsdom'));
const { Readability } = require(path.join(peers, 'node_modules/@mozilla/readability'));
const files = process.argv.slice(2);
const pages = files.map((f) => fs.readFileSync(f, 'utf8'));
const base = process.resourceUsage().maxRSS / 1024;
const start = process.cpuUsage();
for (const html of pages) {
  try {
    const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
    new Readability(dom.window.document).parse();
    dom.window.close();
  } catch (e) { /* counted as a page */ }
}
const used = process.cpuUsage(start);
const cpu = (used.user + used.system) / 1e6;
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`pages=${pages.length} cpu_s=${cpu.toFixed(2)} pages_per_s_core=${(pages.length / cpu).toFixed(1)} peak_rss_mb=${rss.toFixed(0)} page_peak_mb=${(rss - base).toFixed(1)}`);
