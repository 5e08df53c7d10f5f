import type { BrokerIdName } from '../../../../src-shared/contract/domains/brokers';

export interface FieldSpec {
  name: string;
  label: string;
  /** Secrets are password inputs and are never shown again once saved. */
  secret: boolean;
  required: boolean;
}

/** What each broker asks for in Settings; session tokens come from the login, not from here. */
export const brokerFields: Record<BrokerIdName, FieldSpec[]> = {
  kite: [
    { name: 'apiKey', label: 'API key', secret: true, required: true },
    { name: 'apiSecret', label: 'API secret', secret: true, required: true },
    { name: 'userId', label: 'Client id (e.g. AB1234)', secret: false, required: false },
  ],
  kotak: [
    { name: 'consumerKey', label: 'Consumer key', secret: true, required: true },
    { name: 'consumerSecret', label: 'Consumer secret', secret: true, required: false },
    { name: 'mobile', label: 'Mobile number', secret: false, required: true },
    { name: 'ucc', label: 'Client code (UCC)', secret: false, required: true },
    { name: 'mpin', label: 'MPIN', secret: true, required: true },
    { name: 'totpSecret', label: 'TOTP secret (optional)', secret: true, required: false },
  ],
};

export const brokerLabel: Record<BrokerIdName, string> = { kite: 'Kite', kotak: 'Kotak Neo' };
