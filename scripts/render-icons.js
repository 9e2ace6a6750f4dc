// Renders static/icons/icon.svg to the PNG sizes the web manifest lists (run after editing the SVG).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from './chromium.js';

const svg = readFileSync('static/icons/icon.svg', 'utf8');
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage();
const render = async (size, file, maskable) => {
  await page.setViewportSize({ width: size, height: size });
  // A maskable icon fills the square; its drawing stays inside the central 80% safe zone.
  const inner = maskable
    ? `<div style="width:${size}px;height:${size}px;background:#2f5d50;display:grid;place-items:center">
         <div style="width:${size * 0.8}px;height:${size * 0.8}px">${svg.replace('rx="96"', 'rx="0"')}</div></div>`
    : `<div style="width:${size}px;height:${size}px">${svg}</div>`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${inner}</body></html>`
  );
  await page.screenshot({ path: `static/icons/${file}`, omitBackground: true });
};
await render(192, 'icon-192.png', false);
await render(512, 'icon-512.png', false);
await render(512, 'icon-maskable-512.png', true);
await browser.close();
