#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png at 128×128 (the Marketplace's icon size) in headless
// Chromium, on a transparent background. Run after changing the SVG and commit both:
//   node scripts/render-icon.js
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { chromiumExecutable } = require('./chromium');

const ICON_SIZE = 128;
const media = path.resolve(__dirname, '..', 'media');

async function renderIcon() {
  const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: ICON_SIZE, height: ICON_SIZE } });
    // The SVG's own width/height (16) would win over CSS sizing of an inline <svg>; an <img> scales it as a whole.
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${source}" width="${ICON_SIZE}" height="${ICON_SIZE}"></body></html>`);
    await page.locator('img').evaluate(image => image.decode());
    const target = path.join(media, 'icon.png');
    await page.screenshot({ path: target, omitBackground: true, clip: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE } });
    console.log(`${path.relative(process.cwd(), target)}: ${ICON_SIZE}×${ICON_SIZE}`);
  } finally {
    await browser.close();
  }
}

renderIcon().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
