import type { KeyProvider } from './key-provider';
import { loadOrCreateDataKey } from './key-provider';
import { createKdfParams, readKdfParams, unlockWithPassphrase, type KdfParams } from './passphrase-key';
import type { KeySource } from './secret-store';

export interface SecretKeysOptions {
  dataDir: string;
  /** The OS keyring (Electron); null in browser mode. */
  keyring: KeyProvider | null;
  /**
   * Where to find the salt and verifier when secrets.salt is gone but rows
   * encrypted with a passphrase remain (they carry the same kdf_params), so a
   * lost file does not silently start a second key.
   */
  recoverParams?: () => Promise<KdfParams | null>;
}

/**
 * Holds the one data key, or the reason there is none. With a working
 * keyring the key is unwrapped at init; without one (browser mode, or a Linux
 * desktop where safeStorage would fall back to plain text) the store stays
 * locked until the trader gives a passphrase. There is no third way.
 */
export class SecretKeys {
  private current: Buffer | null = null;
  private source: KeySource;
  private reason = 'the secret store has not started yet';
  private params: KdfParams | null = null;
  private noKeyring: string | null = null;

  constructor(private readonly options: SecretKeysOptions) {
    this.source = options.keyring ? 'safeStorage' : 'passphrase';
  }

  get keySource(): KeySource {
    return this.source;
  }

  async init(): Promise<void> {
    const { keyring, dataDir } = this.options;
    if (keyring) {
      this.noKeyring = keyring.unavailableReason();
      if (this.noKeyring === null) {
        this.source = 'safeStorage';
        try {
          this.current = loadOrCreateDataKey(dataDir, keyring);
        } catch (error) {
          this.reason = `the OS keyring could not unlock ${dataDir}/secrets.key (${error instanceof Error ? error.message : String(error)})`;
        }
        return;
      }
      this.source = 'passphrase';
    }
    this.params = (await readKdfParams(dataDir)) ?? (await this.options.recoverParams?.()) ?? null;
    this.reason = this.passphraseReason();
  }

  key(): Buffer | null {
    return this.current;
  }

  /** null once unlocked; otherwise the sentence that follows "will not store … in plain text:". */
  lockedReason(): string | null {
    return this.current ? null : this.reason;
  }

  /** True when no passphrase was ever set: the first unlock sets it. */
  needsPassphraseSetup(): boolean {
    return this.source === 'passphrase' && this.params === null;
  }

  kdfParams(): KdfParams | null {
    return this.source === 'passphrase' ? this.params : null;
  }

  /** Sets (first time) or checks the passphrase; WrongPassphraseError when it does not match. */
  async unlock(passphrase: string): Promise<void> {
    if (this.source !== 'passphrase') throw new Error('The OS keyring holds the key here; no passphrase is needed.');
    if (this.current) return;
    if (this.params) {
      this.current = await unlockWithPassphrase(passphrase, this.params);
      return;
    }
    const created = await createKdfParams(this.options.dataDir, passphrase);
    this.params = created.params;
    this.current = created.key;
  }

  /** Forget the key (stop, or the trader locking the store). */
  lock(): void {
    this.current?.fill(0);
    this.current = null;
    this.reason = this.source === 'passphrase' ? this.passphraseReason() : 'the secret store was stopped';
  }

  private passphraseReason(): string {
    const enter = this.params ? 'enter your secrets passphrase' : 'choose a secrets passphrase';
    const how = `${enter} in Settings → Broker accounts (or set TICKDESK_SECRETS_PASSPHRASE) so they are encrypted with a key derived from it`;
    return this.noKeyring
      ? `the OS keyring is not available (${this.noKeyring}). Install or unlock a keyring (GNOME Keyring, KWallet), or ${how}.`
      : `the store is locked; ${how}.`;
  }
}
