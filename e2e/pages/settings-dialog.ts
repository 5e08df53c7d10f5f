import type { Locator, Page } from '@playwright/test';

/** Settings as the trader uses it: broker accounts, the daily login, the instrument master. */
export class SettingsDialog {
  readonly dialog: Locator;
  readonly saved: Locator;
  readonly drillNow: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('settings-dialog');
    this.saved = page.getByTestId('settings-saved');
    this.drillNow = page.getByTestId('drill-now');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('settings-open').click();
  }

  /** The instrument master block of one broker. */
  drill(broker: 'kite' | 'kotak'): { block: Locator; outcome: Locator; when: Locator; summary: Locator; error: Locator } {
    const block = this.page.getByTestId(`drill-${broker}`);
    return {
      block,
      outcome: block.getByTestId('drill-outcome'),
      when: block.getByTestId('drill-when'),
      summary: block.getByTestId('drill-summary'),
      error: block.getByTestId('drill-error'),
    };
  }

  async saveKiteAccount(accountId: string, apiKey: string, apiSecret: string): Promise<void> {
    await this.page.getByTestId('broker-select').selectOption('kite');
    await this.page.getByTestId('broker-account-id').fill(accountId);
    await this.page.getByTestId('broker-field-apiKey').fill(apiKey);
    await this.page.getByTestId('broker-field-apiSecret').fill(apiSecret);
    await this.page.getByTestId('broker-account-save').click();
  }

  /** Answers the "session expired — log in again" banner with Kite's request token. */
  async logInKite(accountId: string, requestToken: string): Promise<void> {
    const banner = this.page.getByTestId(`session-expired-kite-${accountId}`);
    await banner.getByTestId('session-login-input').fill(requestToken);
    await banner.getByTestId('session-login-submit').click();
  }

  async saveKotakAccount(accountId: string, account: { consumerKey: string; mobile: string; ucc: string; mpin: string }): Promise<void> {
    await this.page.getByTestId('broker-select').selectOption('kotak');
    await this.page.getByTestId('broker-account-id').fill(accountId);
    await this.page.getByTestId('broker-field-consumerKey').fill(account.consumerKey);
    await this.page.getByTestId('broker-field-mobile').fill(account.mobile);
    await this.page.getByTestId('broker-field-ucc').fill(account.ucc);
    await this.page.getByTestId('broker-field-mpin').fill(account.mpin);
    await this.page.getByTestId('broker-account-save').click();
  }

  /** The "session expired — log in again" banner of a Kotak account (its TOTP input). */
  kotakLoginBanner(accountId: string): Locator {
    return this.page.getByTestId(`session-expired-kotak-${accountId}`);
  }

  /** Answers the Kotak banner with the 6-digit TOTP from the authenticator. */
  async logInKotak(accountId: string, totp: string): Promise<void> {
    const banner = this.kotakLoginBanner(accountId);
    await banner.getByTestId('session-login-input').fill(totp);
    await banner.getByTestId('session-login-submit').click();
  }
}
