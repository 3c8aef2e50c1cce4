import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 390, height: 844 } });
await p.goto(process.argv[2]);
await p.waitForTimeout(2500);
const r = await p.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const rect = el.getBoundingClientRect();
    if (rect.right > 391) out.push(`${el.tagName}.${el.className} ${Math.round(rect.right)} w=${Math.round(rect.width)}`);
  }
  const s = document.querySelector('[data-testid="save-status"]');
  return { out: out.slice(0, 15), sw: document.scrollingElement.scrollWidth, save: s ? JSON.stringify(s.getBoundingClientRect()) + getComputedStyle(s).display : 'none' };
});
console.log(JSON.stringify(r, null, 1));
await p.screenshot({ path: process.argv[3], fullPage: false });
await b.close();
