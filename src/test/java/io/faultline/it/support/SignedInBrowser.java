package io.faultline.it.support;

import org.junit.jupiter.api.AfterAll;

/**
 * A black-box test that drives the console: one headless Chromium per class, signed in as the
 * admin through the console's own form before the first test, closed after the last. Skipped
 * where Debian's chromium is not installed (never in CI).
 */
public abstract class SignedInBrowser extends BlackBox {

    protected Browser browser;

    @Override
    protected void prepare() throws Exception {
        Browser.assumeInstalled();
        browser = new Browser(server);
        browser.signIn(Settings.ADMIN, Settings.ADMIN_PASSWORD);
    }

    @AfterAll
    final void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
