// Installs the fault middleware in every AWS SDK client a function builds, by wrapping the one
// `send` all SDK v3 clients share: the handlers' own modules stay as they run on AWS. Loaded by
// the function worker before the handler, only when LOCAL_FAULT_RATE is set.
import { KMSClient } from '@aws-sdk/client-kms';
import { serviceOf } from './aws-faults.ts';
import { type FaultOptions, faultInjector } from './fault-middleware.ts';

type Stack = { add(middleware: unknown, options: Record<string, unknown>): void };
type SdkClient = { config: { serviceId?: string }; middlewareStack: Stack };

export function installFaults(options: FaultOptions): void {
  const inject = faultInjector(options);
  // Every SDK v3 client extends the same smithy Client class; the document client shares its
  // DynamoDB client's stack, hence one install per stack.
  const base = Object.getPrototypeOf(KMSClient.prototype) as { send: (...args: unknown[]) => unknown };
  const send = base.send;
  const installed = new WeakSet<Stack>();
  base.send = function (this: SdkClient, ...args: unknown[]) {
    if (!installed.has(this.middlewareStack)) {
      installed.add(this.middlewareStack);
      const service = serviceOf(this.config.serviceId);
      if (service) {
        this.middlewareStack.add(inject(service), {
          step: 'deserialize',
          priority: 'low',
          name: 'localFaultInjection',
          override: true,
        });
      }
    }
    return send.apply(this, args);
  };
}

/** From the validated settings (which refuse faults outside the local stage). */
export async function installFaultsFromSettings(functionName: string): Promise<void> {
  const { settings } = await import('../../../shared/config/settings.ts');
  if (settings.LOCAL_FAULT_RATE === 0) return;
  const only = settings.LOCAL_FAULT_FUNCTIONS;
  if (only.length > 0 && !only.includes(functionName)) return;
  installFaults({
    rate: settings.LOCAL_FAULT_RATE,
    services: settings.LOCAL_FAULTS,
    seed: settings.LOCAL_FAULT_SEED,
    stream: functionName,
  });
}
