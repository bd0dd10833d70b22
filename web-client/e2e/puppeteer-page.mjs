/**
 * The part of Playwright's Page and Locator API that flows.mjs and the media checks use, on a Puppeteer page
 * (Firefox over WebDriver BiDi), so a Firefox person runs the very same flows as a Chromium one.
 *
 * Locators are lazy, like Playwright's: a chain of steps re-resolved on every use, actions wait until exactly
 * one visible element matches (more than one is an error, as in Playwright's strict mode). Roles and accessible
 * names are Firefox's own accessibility tree (Puppeteer's ::-p-aria over BiDi's accessibility locator).
 */
import { sleep } from './harness.mjs';

const DEFAULT_TIMEOUT_MS = 30_000;
const POLL_MS = 100;

const normalise = (text) => (text || '').replace(/\s+/g, ' ').trim();

/** Playwright's text matching: a RegExp tests, a string is a case-insensitive substring unless exact. */
function textMatches(text, expected, exact = false) {
  const actual = normalise(text);
  if (expected instanceof RegExp) return expected.test(actual);
  return exact ? actual === normalise(expected) : actual.toLowerCase().includes(normalise(expected).toLowerCase());
}

const ariaString = (value) => JSON.stringify(String(value));

export class PuppeteerLocator {
  /** @param steps functions (handles[]) => Promise<handles[]>, applied in order from the page's document */
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  /** The matching elements now, from the document, or from the given root elements (for filter({ has })). */
  async all(roots = null) {
    let handles = roots ?? [await this.page.raw.$('html')];
    for (const step of this.steps) handles = await step(handles.filter(Boolean));
    return handles;
  }

  then() {
    throw new Error('a locator is not a promise: call an action on it');
  }

  #with(step) {
    return new PuppeteerLocator(this.page, [...this.steps, step]);
  }

  locator(css, { hasText, has } = {}) {
    const found = this.#with(async (handles) => (await Promise.all(handles.map((h) => h.$$(css)))).flat());
    return hasText === undefined && !has ? found : found.filter({ hasText, has });
  }

  getByRole(role, { name, exact = false } = {}) {
    const query = name === undefined || name instanceof RegExp || !exact
      ? `::-p-aria([role=${ariaString(role)}])` : `::-p-aria([name=${ariaString(name)}][role=${ariaString(role)}])`;
    const step = async (handles) => {
      let found = (await Promise.all(handles.map((h) => h.$$(query)))).flat();
      if (name !== undefined && !(exact && typeof name === 'string')) {
        // Not exact: match the accessible name the way Playwright does, on the element's label or text.
        const names = await Promise.all(found.map((h) => h.evaluate((el) => el.getAttribute('aria-label')
          || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent)));
        found = found.filter((_, i) => textMatches(names[i], name, false));
      }
      return found;
    };
    return this.#with(step);
  }

  getByLabel(text, { exact = false } = {}) {
    return this.#with(async (handles) => {
      const found = [];
      for (const root of handles) {
        const controls = await root.$$('input, textarea, select');
        for (const control of controls) {
          const label = await control.evaluate((el) => el.getAttribute('aria-label')
            || [...(el.labels || [])].map((l) => l.textContent).join(' '));
          if (textMatches(label, text, exact)) found.push(control);
        }
      }
      return found;
    });
  }

  getByText(text, { exact = false } = {}) {
    // Puppeteer's text query finds the innermost elements containing the text, as Playwright picks them.
    const query = `::-p-text(${JSON.stringify(String(text))})`;
    return this.#with(async (handles) => {
      const found = (await Promise.all(handles.map((h) => h.$$(query)))).flat();
      const texts = await Promise.all(found.map((h) => h.evaluate((el) => el.textContent)));
      return found.filter((_, i) => textMatches(texts[i], text, exact));
    });
  }

  filter({ hasText, has } = {}) {
    return this.#with(async (handles) => {
      const kept = [];
      for (const handle of handles) {
        if (hasText !== undefined && !textMatches(await handle.evaluate((el) => el.textContent), hasText)) continue;
        if (has && (await has.all([handle])).length === 0) continue;
        kept.push(handle);
      }
      return kept;
    });
  }

  first() {
    return this.#with(async (handles) => handles.slice(0, 1));
  }

  async count() {
    return (await this.all()).length;
  }

  async #visible(handles) {
    const shown = await Promise.all(handles.map((h) => h.isVisible().catch(() => false)));
    return handles.filter((_, i) => shown[i]);
  }

  /** Playwright's waitFor: 'visible' (default), 'attached', 'detached' or 'hidden'. */
  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const handles = await this.all().catch(() => []);
      const visible = state === 'visible' || state === 'hidden' ? await this.#visible(handles) : handles;
      const done = state === 'visible' || state === 'attached' ? visible.length > 0 : visible.length === 0;
      if (done) return;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for a locator to be ${state}`);
      await sleep(POLL_MS);
    }
  }

  /** The one element an action applies to, once visible (or merely attached, for reads). */
  async #one({ visible = true, timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      let handles = await this.all().catch(() => []);
      if (visible) handles = await this.#visible(handles);
      if (handles.length > 1) throw new Error(`strict mode: the locator matches ${handles.length} elements`);
      if (handles.length === 1) return handles[0];
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for a single element`);
      await sleep(POLL_MS);
    }
  }

  async click(options = {}) {
    const handle = await this.#one(options);
    await handle.click();
  }

  async fill(value, options = {}) {
    const handle = await this.#one(options);
    // Like Playwright: replace the whole value, then let the page see input and change events.
    await handle.evaluate((el, v) => {
      el.focus();
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }

  async isChecked(options = {}) {
    return (await this.#one({ ...options, visible: false })).evaluate((el) => el.checked);
  }

  async check(options = {}) {
    if (!(await this.isChecked(options))) await this.click(options);
    if (!(await this.isChecked(options))) throw new Error('clicking did not check the checkbox');
  }

  async inputValue(options = {}) {
    return (await this.#one({ ...options, visible: false })).evaluate((el) => el.value);
  }

  async getAttribute(name, options = {}) {
    return (await this.#one({ ...options, visible: false })).evaluate((el, n) => el.getAttribute(n), name);
  }

  async evaluate(fn, arg) {
    return (await this.#one({ visible: false })).evaluate(fn, arg);
  }
}

/** A Puppeteer page dressed as a Playwright one; relative URLs resolve against baseURL. */
export class PuppeteerPage {
  constructor(raw, baseURL) {
    this.raw = raw;
    this.baseURL = baseURL;
    this.root = new PuppeteerLocator(this, []);
  }

  goto(url) {
    return this.raw.goto(new URL(url, this.baseURL).href, { waitUntil: 'load' });
  }

  reload() {
    return this.raw.reload({ waitUntil: 'load' });
  }

  url() {
    return this.raw.url();
  }

  evaluate(fn, arg) {
    return this.raw.evaluate(fn, arg);
  }

  screenshot({ path, fullPage = false } = {}) {
    return this.raw.screenshot({ path, fullPage });
  }

  on(event, listener) {
    this.raw.on(event, listener);
    return this;
  }

  locator(css, options) { return this.root.locator(css, options); }
  getByRole(role, options) { return this.root.getByRole(role, options); }
  getByLabel(text, options) { return this.root.getByLabel(text, options); }
  getByText(text, options) { return this.root.getByText(text, options); }
}
